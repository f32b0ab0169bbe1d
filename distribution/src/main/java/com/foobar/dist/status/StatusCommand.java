package com.foobar.dist.status;

import com.foobar.app.stack.StackEndpoints;
import com.foobar.db.DatabaseException;
import com.foobar.db.DbConnection;
import com.foobar.db.embedded.EmbeddedMariaDb;
import com.foobar.db.replication.ReplicaStatus;
import com.foobar.db.replication.Replication;
import com.foobar.dist.ExitStatus;
import com.foobar.dist.config.BindHost;
import com.foobar.dist.config.ConfigOptions;
import com.foobar.dist.config.DbKey;
import com.foobar.dist.config.DnsKey;
import com.foobar.dist.config.FoobarConfig;
import com.foobar.dist.config.WebKey;
import com.foobar.dist.process.PidFile;
import com.foobar.dist.stack.Tier;
import com.foobar.dist.stack.TierConfigs;
import com.foobar.dns.DnsConfig;
import com.foobar.web.acme.CertificateStatus;
import com.foobar.web.acme.CertificateStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code foobar status}: each tier's state, address, pid, uptime and version, and what its own
 * endpoint says right now (the database port, each app instance's health, the web tier's front
 * page, the DNS tier's SOA). Exit status 0 when every tier serves, 3 otherwise (as {@code systemctl
 * status} and LSB scripts do).
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show each tier's state, uptime, version and health; exit 3 if one is down.")
public final class StatusCommand implements Callable<Integer> {
  @Mixin private ConfigOptions options;

  private final HttpProbe http = new HttpProbe();

  @Override
  public Integer call() {
    TierConfigs tiers = options.uncheckedTiers();
    FoobarConfig config = tiers.config();
    List<TierStatus> rows = new ArrayList<>();
    rows.add(database(tiers));
    for (int port : tiers.appPorts()) {
      rows.add(app(tiers, port));
    }
    rows.add(web(tiers));
    rows.add(dns(tiers));
    print(rows, System.out);
    return rows.stream().allMatch(TierStatus::healthy) ? ExitStatus.OK : ExitStatus.NOT_ALL_UP;
  }

  private TierStatus database(TierConfigs tiers) {
    FoobarConfig config = tiers.config();
    String db = Tier.DB.processName(0);
    if (!tiers.runsEmbeddedDatabase()) {
      // An external MariaDB: the app instances' health says whether they reach it.
      return new TierStatus(
          db,
          config.text(DbKey.URL),
          java.util.Optional.empty(),
          "-",
          "-",
          true,
          "external (see the app instances' database health)");
    }
    int port = config.integer(DbKey.EMBEDDED_PORT);
    boolean open = accepts(new InetSocketAddress("127.0.0.1", port));
    boolean healthy = open;
    String words = open ? "accepting connections" : "port closed";
    if (open && config.integer(DbKey.SERVER_ID) > 0) {
      // A member of a replication set: its role, and a replica's lag, are its health.
      try {
        ReplicaStatus replication =
            Replication.status(
                DbConnection.embeddedSuperuser(
                    EmbeddedMariaDb.socketIn(tiers.embeddedDataDirectory()), ""));
        healthy = !replication.replica() || replication.replicating();
        words = replication.summary();
      } catch (DatabaseException e) {
        words = "accepting connections (replication unknown: " + e.getMessage() + ")";
      }
    }
    return TierStatus.of(db, "127.0.0.1:" + port, pidFile(config, db), healthy, words);
  }

  private TierStatus app(TierConfigs tiers, int port) {
    String name = Tier.APP.processName(port);
    URI instance = tiers.appUri(port);
    HttpProbe.Answer health = http.get(instance.resolve(StackEndpoints.HEALTH));
    String words =
        health.error() != null ? health.error() : health.status() + " " + health.shortBody();
    return TierStatus.of(
        name, instance.getAuthority(), pidFile(tiers.config(), name), health.ok(), words);
  }

  private TierStatus web(TierConfigs tiers) {
    FoobarConfig config = tiers.config();
    String web = Tier.WEB.processName(0);
    int port = config.integer(WebKey.HTTP_PORT);
    HttpProbe.Answer front =
        http.get(URI.create("http://" + config.bindHost(WebKey.BIND).uriHost() + ":" + port + "/"));
    String words = front.error() != null ? front.error() : "GET / " + front.status();
    boolean healthy = front.ok();
    if (tiers.managesCertificates()) {
      CertificateStatus certificate = new CertificateStore(tiers.acmeDirectory()).snapshot();
      Instant now = Instant.now();
      healthy &= CertificateSummary.healthy(certificate, now);
      words += ", " + CertificateSummary.words(certificate, now);
    }
    return TierStatus.of(
        web, config.text(WebKey.BIND) + ":" + port, pidFile(config, web), healthy, words);
  }

  private TierStatus dns(TierConfigs tiers) {
    FoobarConfig config = tiers.config();
    String dns = Tier.DNS.processName(0);
    BindHost first = config.bindHosts(DnsKey.BIND).get(0); // the key's type: never empty
    Name zone = firstZone(config.path(DnsKey.ZONES));
    if (zone == null && !config.isEmpty(DnsKey.SECONDARY_ZONES)) {
      zone = DnsConfig.zoneName(config.list(DnsKey.SECONDARY_ZONES).get(0)); // only a secondary
    }
    DnsProbe.Answer soa =
        zone == null
            ? new DnsProbe.Answer(false, "no zone files in " + config.path(DnsKey.ZONES))
            : DnsProbe.soa(
                new InetSocketAddress(first.connectable(), config.integer(DnsKey.PORT)), zone);
    String words = soa.text();
    if (soa.ok() && !config.isEmpty(DnsKey.HEALTH_NAMES)) {
      String health =
          config
              .hostPort(DnsKey.METRICS)
              .map(metrics -> http.get(URI.create("http://" + metrics.uriAuthority() + "/metrics")))
              .map(answer -> answer.error() == null ? DnsHealth.summary(answer.body()) : "")
              .orElse("");
      words += health.isEmpty() ? "" : ", " + health;
    }
    return TierStatus.of(dns, tiers.dnsLabel(), pidFile(config, dns), soa.ok(), words);
  }

  /** The tier's own pid file, or the one-process stack's when that is what runs. */
  private static PidFile pidFile(FoobarConfig config, String name) {
    PidFile own = new PidFile(config.home(), name);
    if (own.process().isPresent()) {
      return own;
    }
    PidFile whole = new PidFile(config.home(), Tier.ALL.processName(0));
    return whole.process().isPresent() ? whole : own;
  }

  private static Name firstZone(Path directory) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.zone")) {
      files.forEach(f -> names.add(f.getFileName().toString()));
    } catch (IOException e) {
      return null;
    }
    names.sort(null);
    for (String file : names) {
      try {
        return Name.fromString(file.substring(0, file.length() - ".zone".length()), Name.root);
      } catch (TextParseException e) {
        // not a zone name: the DNS tier refuses it too; try the next
      }
    }
    return null;
  }

  private static boolean accepts(InetSocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(address, 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void print(List<TierStatus> rows, PrintStream out) {
    String format = "%-9s %-8s %-22s %-8s %-8s %-16s %-20s %s%n";
    out.printf(format, "TIER", "STATE", "ADDRESS", "PID", "UPTIME", "VERSION", "RELEASE", "HEALTH");
    for (TierStatus row : rows) {
      out.printf(
          format,
          row.tier(),
          row.state(),
          row.address(),
          row.pid(),
          row.uptime(),
          row.version(),
          row.release(),
          (row.healthy() ? "up: " : "DOWN: ") + row.health());
    }
  }
}
