package com.foobar.dns;

import com.foobar.dns.health.HealthChecks;
import com.foobar.dns.transfer.NotifyTarget;
import com.foobar.dns.transfer.ServerAddress;
import com.foobar.dns.transfer.TransferAcl;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Configuration of the DNS tier. Start from {@link #serving(Path)} and change what differs:
 *
 * <pre>{@code
 * DnsConfig.serving(zones).withBindAddresses(List.of("*")).withPort(53).withRateLimit(20)
 * }</pre>
 *
 * @param bindAddresses literal IP addresses to listen on, or {@code "*"} for the wildcard address
 *     (JDK dual-stack when IPv6 is available); at least one
 * @param port the UDP and TCP port on every address; 0 picks a free port (see {@link
 *     DnsServer#port()})
 * @param zoneDirectory every {@code *.zone} file in it is loaded; the zone's origin is the file
 *     name minus {@code ".zone"} ({@code foobar.com.zone} serves {@code foobar.com.})
 * @param transferAllow addresses or CIDR prefixes allowed to AXFR/IXFR our zones over TCP; empty =
 *     nobody (everyone gets REFUSED)
 * @param notifyTargets secondaries told by NOTIFY when a zone's serial grows, as {@code address} or
 *     {@code address@port}
 * @param metricsAddress where {@code GET /metrics} (Prometheus) listens (port 0 = a free one, see
 *     {@link DnsServer#metricsPort()}), or null for none; an IP address, never a name to resolve
 * @param rateLimit response rate limiting over UDP: answers per second per client network (IPv4
 *     /24, IPv6 /56), every second answer over it sent truncated and the rest dropped; 0 = off
 * @param secondaryZones zones this server is a secondary for ({@code example.org}), transferred
 *     from {@code primaries}; none = a primary only
 * @param primaries the servers those zones come from, as {@code address} or {@code address@port},
 *     tried in order; the only ones whose NOTIFY is accepted
 * @param secondaryDirectory where the last transferred copy of each secondary zone is kept, so a
 *     restart serves at once (its modification time is when it was last refreshed)
 * @param healthChecks names whose addresses are health-checked and left out of answers while down,
 *     or null for none
 */
public record DnsConfig(
    List<String> bindAddresses,
    int port,
    Path zoneDirectory,
    List<String> transferAllow,
    List<String> notifyTargets,
    InetSocketAddress metricsAddress,
    int rateLimit,
    List<String> secondaryZones,
    List<String> primaries,
    Path secondaryDirectory,
    HealthChecks healthChecks) {

  /**
   * Serves the zones of {@code zoneDirectory} on 127.0.0.1, a free port: no zone transfers for
   * anyone, no secondaries to NOTIFY, no metrics endpoint, no rate limit.
   */
  public static DnsConfig serving(Path zoneDirectory) {
    return new DnsConfig(
        List.of("127.0.0.1"),
        0,
        zoneDirectory,
        List.of(),
        List.of(),
        null,
        0,
        List.of(),
        List.of(),
        null,
        null);
  }

  /** Rejects a config that could never start, so the mistake is reported where it was made. */
  public DnsConfig {
    Objects.requireNonNull(bindAddresses, "bindAddresses");
    Objects.requireNonNull(zoneDirectory, "zoneDirectory");
    bindAddresses = List.copyOf(bindAddresses);
    if (bindAddresses.isEmpty()) {
      throw new IllegalArgumentException("dns: at least one bind address is required");
    }
    for (String address : bindAddresses) {
      BindAddress.parse(address); // fails here, where the mistake was made, not at start()
    }
    transferAllow = List.copyOf(Objects.requireNonNull(transferAllow, "transferAllow"));
    TransferAcl.of(transferAllow); // fails here on a bad entry, naming it
    notifyTargets = List.copyOf(Objects.requireNonNull(notifyTargets, "notifyTargets"));
    notifyTargets.forEach(NotifyTarget::parse);
    if (metricsAddress != null && metricsAddress.isUnresolved()) {
      // A DNS server that needs DNS to find its own address cannot start when DNS is down.
      throw new IllegalArgumentException(
          "dns: metrics address '"
              + metricsAddress.getHostString()
              + ":"
              + metricsAddress.getPort()
              + "' is not an IP address");
    }
    if (rateLimit < 0) {
      throw new IllegalArgumentException(
          "dns: rate limit must be >= 0 (0 = off), was " + rateLimit);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("dns: port must be 0..65535, was " + port);
    }
    secondaryZones = List.copyOf(Objects.requireNonNull(secondaryZones, "secondaryZones"));
    secondaryZones.forEach(DnsConfig::zoneName);
    if (healthChecks != null) {
      healthChecks.names().forEach(DnsConfig::zoneName);
    }
    primaries = List.copyOf(Objects.requireNonNull(primaries, "primaries"));
    primaries.forEach(entry -> ServerAddress.parse(entry, "primary"));
    if (!secondaryZones.isEmpty() && (primaries.isEmpty() || secondaryDirectory == null)) {
      throw new IllegalArgumentException(
          "dns: secondary zones "
              + secondaryZones
              + " need primaries and a directory to keep them");
    }
  }

  /** {@code healthChecks} null = none. */
  public DnsConfig withHealthChecks(HealthChecks healthChecks) {
    return with(draft -> draft.healthChecks = healthChecks);
  }

  /** {@code example.org} as the absolute name {@code example.org.}. */
  public static Name zoneName(String zone) {
    try {
      return Name.fromString(zone.strip().endsWith(".") ? zone.strip() : zone.strip() + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException(
          "dns: secondary zone '" + zone + "' is not a domain name: " + e.getMessage(), e);
    }
  }

  public DnsConfig withBindAddresses(List<String> bindAddresses) {
    return with(draft -> draft.bindAddresses = bindAddresses);
  }

  public DnsConfig withPort(int port) {
    return with(draft -> draft.port = port);
  }

  public DnsConfig withZoneDirectory(Path zoneDirectory) {
    return with(draft -> draft.zoneDirectory = zoneDirectory);
  }

  public DnsConfig withTransferAllow(List<String> transferAllow) {
    return with(draft -> draft.transferAllow = transferAllow);
  }

  public DnsConfig withNotifyTargets(List<String> notifyTargets) {
    return with(draft -> draft.notifyTargets = notifyTargets);
  }

  /** {@code metricsAddress} null = no metrics endpoint. */
  public DnsConfig withMetrics(InetSocketAddress metricsAddress) {
    return with(draft -> draft.metricsAddress = metricsAddress);
  }

  public DnsConfig withRateLimit(int rateLimit) {
    return with(draft -> draft.rateLimit = rateLimit);
  }

  /** Secondary for {@code zones}, from {@code primaries}, the copies kept in {@code directory}. */
  public DnsConfig withSecondary(List<String> zones, List<String> primaries, Path directory) {
    return with(
        draft -> {
          draft.secondaryZones = zones;
          draft.primaries = primaries;
          draft.secondaryDirectory = directory;
        });
  }

  /** This config with one change, validated again by the canonical constructor. */
  private DnsConfig with(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.config();
  }

  /** The fields by name while one changes, so that a wither names the one it changes. */
  private static final class Draft {
    List<String> bindAddresses;
    int port;
    Path zoneDirectory;
    List<String> transferAllow;
    List<String> notifyTargets;
    InetSocketAddress metricsAddress;
    int rateLimit;
    List<String> secondaryZones;
    List<String> primaries;
    Path secondaryDirectory;
    HealthChecks healthChecks;

    Draft(DnsConfig config) {
      bindAddresses = config.bindAddresses;
      port = config.port;
      zoneDirectory = config.zoneDirectory;
      transferAllow = config.transferAllow;
      notifyTargets = config.notifyTargets;
      metricsAddress = config.metricsAddress;
      rateLimit = config.rateLimit;
      secondaryZones = config.secondaryZones;
      primaries = config.primaries;
      secondaryDirectory = config.secondaryDirectory;
      healthChecks = config.healthChecks;
    }

    DnsConfig config() {
      return new DnsConfig(
          bindAddresses,
          port,
          zoneDirectory,
          transferAllow,
          notifyTargets,
          metricsAddress,
          rateLimit,
          secondaryZones,
          primaries,
          secondaryDirectory,
          healthChecks);
    }
  }
}
