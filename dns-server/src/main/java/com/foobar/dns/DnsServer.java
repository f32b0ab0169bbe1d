package com.foobar.dns;

import com.foobar.dns.answer.NotifyListener;
import com.foobar.dns.answer.QueryHandler;
import com.foobar.dns.health.HealthChecker;
import com.foobar.dns.health.HealthChecks;
import com.foobar.dns.metrics.MetricsEndpoint;
import com.foobar.dns.ratelimit.ResponseRateLimiter;
import com.foobar.dns.secondary.SecondaryZones;
import com.foobar.dns.server.ListenerStats;
import com.foobar.dns.server.ServerLimits;
import com.foobar.dns.server.TcpConnections;
import com.foobar.dns.server.TcpListener;
import com.foobar.dns.server.UdpListener;
import com.foobar.dns.server.ZoneDirectoryWatcher;
import com.foobar.dns.transfer.NotifySender;
import com.foobar.dns.transfer.NotifyTarget;
import com.foobar.dns.transfer.ServerAddress;
import com.foobar.dns.transfer.TransferAcl;
import com.foobar.dns.zone.ZoneLoader;
import com.foobar.dns.zone.ZoneStore;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The authoritative DNS server: loads the zones of {@link DnsConfig#zoneDirectory()} and answers
 * for them over UDP and TCP on every bind address.
 *
 * <pre>{@code
 * try (DnsServer dns = new DnsServer(DnsConfig.serving(zones))) {
 *   dns.start();
 *   int port = dns.port();
 * }
 * }</pre>
 */
public final class DnsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
  // With port 0 the port comes from the first UDP socket; another program may hold it on TCP or
  // on another address, so a few fresh ports are tried before giving up.
  private static final int EPHEMERAL_BIND_ATTEMPTS = 5;

  private final DnsConfig config;
  private final ServerLimits limits;
  private final boolean watchZoneDirectory;
  private final ListenerStats stats = new ListenerStats();
  private final List<AutoCloseable> listeners = new ArrayList<>();
  private TcpConnections connections;
  private QueryHandler handler;
  private ZoneStore zones;
  private NotifySender notifier;
  private SecondaryZones secondaries; // null: a primary only
  private HealthChecker health; // null: no health-checked names
  private MetricsEndpoint metrics;
  private ZoneDirectoryWatcher watcher;
  private int boundPort = -1;
  private boolean started;
  private boolean closed;

  /**
   * @param config where to listen and which zones to serve; nothing happens until {@link #start()}
   */
  public DnsServer(DnsConfig config) {
    this(config, ServerLimits.DEFAULTS);
  }

  /** For tests that need small limits (short idle timeout, few connections). */
  DnsServer(DnsConfig config, ServerLimits limits) {
    this(config, limits, true);
  }

  private DnsServer(DnsConfig config, ServerLimits limits, boolean watchZoneDirectory) {
    this.config = Objects.requireNonNull(config, "config");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.watchZoneDirectory = watchZoneDirectory;
  }

  /**
   * A server that reloads only when {@link #reload()} is called, for tests that call it and assert
   * what it returns: the zone directory watcher would otherwise race them to the change (it reloads
   * 300 ms after the write), leaving them "no zone changed".
   */
  static DnsServer withoutZoneWatcher(DnsConfig config) {
    return new DnsServer(config, ServerLimits.DEFAULTS, false);
  }

  /**
   * Loads and validates every zone file of {@code zoneDirectory} without serving them, as {@code
   * nsd-checkzone} does: a launcher checks the zones before it starts anything else.
   *
   * @return the number of zones that would be served
   * @throws ZoneFileException naming the file and line of the first problem
   */
  public static int checkZones(java.nio.file.Path zoneDirectory) {
    return new ZoneLoader().loadDirectory(zoneDirectory).size();
  }

  /**
   * Loads the zones and binds UDP and TCP on every bind address; returns once listening.
   *
   * @throws ZoneFileException if a zone file cannot be served (the message names file and line)
   * @throws IOException if a socket cannot be bound; its cause chain holds the {@link
   *     java.net.BindException} or {@link java.net.SocketException}
   * @throws IllegalStateException if called twice or after {@link #close()}
   */
  public synchronized void start() throws IOException {
    if (started || closed) {
      throw new IllegalStateException("dns: a DnsServer starts once");
    }
    started = true;
    notifier = new NotifySender(config.notifyTargets().stream().map(NotifyTarget::parse).toList());
    List<Name> secondaryOrigins =
        config.secondaryZones().stream().map(DnsConfig::zoneName).toList();
    zones =
        new ZoneStore(config.zoneDirectory(), notifier::zoneChanged, Set.copyOf(secondaryOrigins));
    if (!secondaryOrigins.isEmpty()) {
      secondaries =
          new SecondaryZones(
              secondaryOrigins,
              config.primaries().stream().map(p -> ServerAddress.parse(p, "primary")).toList(),
              config.secondaryDirectory(),
              zones,
              Clock.systemUTC());
    }
    handler =
        new QueryHandler(
            zones,
            TransferAcl.of(config.transferAllow()),
            secondaries == null ? NotifyListener.NONE : secondaries);
    List<InetAddress> addresses = new ArrayList<>();
    for (String address : config.bindAddresses()) {
      addresses.add(BindAddress.parse(address));
    }
    connections = new TcpConnections(handler, stats, limits);
    try {
      bindAll(addresses, handler);
    } catch (IOException | RuntimeException e) {
      connections.close();
      throw e;
    }
    for (AutoCloseable listener : listeners) {
      if (listener instanceof UdpListener udp) {
        udp.start(limits.udpThreadsPerSocket());
      } else if (listener instanceof TcpListener tcp) {
        tcp.start();
      }
    }
    if (secondaries != null) {
      secondaries.start(); // listening already: a NOTIFY from a primary is heard from now on
    }
    HealthChecks checks = config.healthChecks();
    if (checks != null && !checks.names().isEmpty()) {
      Set<Name> names =
          checks.names().stream()
              .map(DnsConfig::zoneName)
              .collect(java.util.stream.Collectors.toSet());
      ZoneStore store = zones;
      store.health(names, Set.of(), checks.ttl()); // every address answered until checked
      health =
          new HealthChecker(
              checks,
              () -> store.healthCheckedAddresses(names),
              down -> store.health(names, down, checks.ttl()));
      health.start();
    }
    if (config.metricsAddress() != null) {
      metrics = new MetricsEndpoint(config.metricsAddress(), this::renderMetrics);
    }
    if (watchZoneDirectory) {
      // Editing a zone file is enough to publish it (when its serial grew).
      watcher = new ZoneDirectoryWatcher(config.zoneDirectory(), this::reload);
    }
    log.info(
        "dns: serving {} zone(s) from {} on {} port {} (UDP and TCP)",
        zones.get().size(),
        config.zoneDirectory(),
        config.bindAddresses(),
        boundPort);
  }

  private void bindAll(List<InetAddress> addresses, QueryHandler handler) throws IOException {
    // One limiter for every address: a client's budget does not grow with our addresses.
    ResponseRateLimiter rateLimiter =
        config.rateLimit() == 0 ? null : new ResponseRateLimiter(config.rateLimit(), 2);
    int attempts = config.port() == 0 ? EPHEMERAL_BIND_ATTEMPTS : 1;
    for (int attempt = 1; ; attempt++) {
      List<AutoCloseable> bound = new ArrayList<>();
      int port = config.port();
      String what = "";
      try {
        for (InetAddress address : addresses) {
          what = "UDP " + describe(address, port);
          UdpListener udp =
              UdpListener.bind(
                  new InetSocketAddress(address, port),
                  limits.udpSocketsPerAddress(),
                  handler,
                  stats,
                  rateLimiter);
          bound.add(udp);
          port = udp.port();
          what = "TCP " + describe(address, port);
          bound.add(TcpListener.bind(new InetSocketAddress(address, port), connections, stats));
        }
        listeners.addAll(bound);
        boundPort = port;
        return;
      } catch (IOException e) {
        closeAll(bound);
        if (attempt < attempts && e instanceof BindException) {
          continue;
        }
        throw new IOException("dns: cannot bind " + what + ": " + e.getMessage() + hint(e), e);
      }
    }
  }

  private String hint(IOException e) {
    int port = config.port();
    if (port > 0 && port < 1024 && String.valueOf(e.getMessage()).contains("Permission denied")) {
      return " (port "
          + port
          + " is privileged: run as root, grant the JVM cap_net_bind_service with setcap, or"
          + " set dns.port to a port above 1023)";
    }
    return "";
  }

  private static String describe(InetAddress address, int port) {
    String host = address == null ? "*" : address.getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * @return the port actually bound, the same for UDP and TCP and every address; -1 before {@link
   *     #start()} has succeeded
   */
  public synchronized int port() {
    return boundPort;
  }

  /**
   * Loads the zone directory again and swaps in, atomically and without dropping a query, each zone
   * whose SOA serial grew; a directory that does not load keeps the old zones. Also run when a file
   * in the directory changes, and by the launcher on SIGHUP.
   *
   * @return one line saying what changed, or why nothing did
   */
  public String reload() {
    return serving().reload();
  }

  /**
   * Answers an ACME DNS-01 challenge (RFC 8555 §8.4): {@code digest} in a TXT record at {@code
   * _acme-challenge.<name>} (the wildcard's base name for {@code *.name}), beside any other
   * published there, until {@link #withdrawAcmeChallenge}. Our secondaries do not get it (it is not
   * in transfers).
   *
   * @throws IllegalArgumentException when {@code name} is in none of the zones served here
   */
  public void publishAcmeChallenge(String name, String digest) {
    serving().publishTxt(acmeChallengeName(name), digest);
  }

  public void withdrawAcmeChallenge(String name, String digest) {
    serving().withdrawTxt(acmeChallengeName(name), digest);
  }

  private static Name acmeChallengeName(String name) {
    String base = name.startsWith("*.") ? name.substring(2) : name;
    try {
      return Name.fromString("_acme-challenge." + base, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("dns: '" + name + "' is not a domain name", e);
    }
  }

  private ZoneStore serving() {
    ZoneStore store;
    synchronized (this) {
      store = zones;
    }
    if (store == null) {
      throw new IllegalStateException("dns: not started");
    }
    return store;
  }

  /** The port of the metrics endpoint, or -1 when there is none. */
  public synchronized int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  private void renderMetrics(StringBuilder out) {
    stats.render(out);
    ZoneStore store;
    QueryHandler answering;
    synchronized (this) {
      store = zones;
      answering = handler;
    }
    HealthChecker checker;
    synchronized (this) {
      checker = health;
    }
    if (checker != null) {
      out.append("# HELP foobar_dns_health_up Whether a health-checked address is answered (1).\n");
      out.append("# TYPE foobar_dns_health_up gauge\n");
      checker
          .states()
          .forEach(
              (address, up) ->
                  out.append("foobar_dns_health_up{address=\"")
                      .append(address.getHostAddress())
                      .append("\"} ")
                      .append(up ? 1 : 0)
                      .append('\n'));
    }
    out.append("# HELP foobar_dns_answer_cache_hits_total Answers served from the answer cache.\n");
    out.append("# TYPE foobar_dns_answer_cache_hits_total counter\n");
    out.append("foobar_dns_answer_cache_hits_total ").append(answering.cacheHits()).append('\n');
    out.append("# HELP foobar_dns_zone_serial SOA serial of each zone being served.\n");
    out.append("# TYPE foobar_dns_zone_serial gauge\n");
    for (var zone : store.get().zones()) {
      out.append("foobar_dns_zone_serial{zone=\"")
          .append(zone.origin())
          .append("\"} ")
          .append(zone.soa().getSerial())
          .append('\n');
    }
  }

  /** What the listeners counted so far (tests read it). */
  ListenerStats stats() {
    return stats;
  }

  /** Stops listening and waits for the listener threads to end. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (watcher != null) {
      watcher.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    closeAll(listeners); // stop taking new packets and connections first
    listeners.clear();
    if (connections != null) {
      connections.close();
    }
    if (health != null) {
      health.close();
    }
    if (secondaries != null) {
      secondaries.close();
    }
    if (notifier != null) {
      notifier.close();
    }
    if (started) {
      log.info("dns: stopped ({})", stats);
    }
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("dns: error while closing {}", resource, e);
      }
    }
  }
}
