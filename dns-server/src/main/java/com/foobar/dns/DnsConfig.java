package com.foobar.dns;

import com.foobar.dns.transfer.NotifyTarget;
import com.foobar.dns.transfer.TransferAcl;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of the DNS tier.
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
 * @param rateLimit response rate limiting over UDP: answers per second per client network (IPv4
 *     /24, IPv6 /56), every second answer over it sent truncated and the rest dropped; 0 = off
 * @param metricsAddress where {@code GET /metrics} (Prometheus) listens, {@code IP:port} ({@code
 *     [::1]:9153} for IPv6; port 0 = a free one), or empty for none
 */
public record DnsConfig(
    List<String> bindAddresses,
    int port,
    Path zoneDirectory,
    List<String> transferAllow,
    List<String> notifyTargets,
    String metricsAddress,
    int rateLimit) {

  /** No zone transfers for anyone, no secondaries. */
  public DnsConfig(List<String> bindAddresses, int port, Path zoneDirectory) {
    this(bindAddresses, port, zoneDirectory, List.of(), List.of(), "", 0);
  }

  /** Transfers to {@code transferAllow}, no NOTIFY. */
  public DnsConfig(
      List<String> bindAddresses, int port, Path zoneDirectory, List<String> transferAllow) {
    this(bindAddresses, port, zoneDirectory, transferAllow, List.of(), "", 0);
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
    metricsAddress = Objects.requireNonNull(metricsAddress, "metricsAddress").strip();
    if (!metricsAddress.isEmpty()) {
      metricsSocketAddress(metricsAddress); // fails here, naming the value
    }
    if (rateLimit < 0) {
      throw new IllegalArgumentException(
          "dns: rate limit must be >= 0 (0 = off), was " + rateLimit);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("dns: port must be 0..65535, was " + port);
    }
  }

  /** The metrics endpoint's address, or null when there is none. */
  java.net.InetSocketAddress metricsSocketAddress() {
    return metricsAddress.isEmpty() ? null : metricsSocketAddress(metricsAddress);
  }

  private static java.net.InetSocketAddress metricsSocketAddress(String value) {
    int colon = value.lastIndexOf(':');
    String problem = "dns: metrics address '" + value + "' is not IP:port ([IPv6]:port)";
    if (colon < 1) {
      throw new IllegalArgumentException(problem);
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(problem);
      }
      return new java.net.InetSocketAddress(BindAddress.parse(host), port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(problem, e);
    }
  }
}
