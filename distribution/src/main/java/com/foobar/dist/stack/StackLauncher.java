package com.foobar.dist.stack;

import com.foobar.app.AppServer;
import com.foobar.db.Database;
import com.foobar.db.DatabaseConfig;
import com.foobar.db.DatabaseException;
import com.foobar.db.DbConnection;
import com.foobar.dist.config.AppKey;
import com.foobar.dist.config.DbKey;
import com.foobar.dist.config.DnsKey;
import com.foobar.dist.config.FoobarConfig;
import com.foobar.dist.config.WebKey;
import com.foobar.dist.console.Console;
import com.foobar.dist.process.PidFile;
import com.foobar.dist.process.ReloadOnHangup;
import com.foobar.dist.release.Release;
import com.foobar.dist.release.Releases;
import com.foobar.dns.DnsServer;
import com.foobar.dns.acme.AcmeChallengeDirectory;
import com.foobar.dns.metrics.MetricsEndpoint;
import com.foobar.web.WebServer;
import com.foobar.web.acme.DnsTierPublisher;
import com.foobar.web.acme.ManagedCertificate;
import com.foobar.web.proxy.BackendSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Starts the tiers one {@code foobar run} process runs, in the stack's order (the database and its
 * migrations, the app instances, web, DNS), one console line each, with the pid files that let
 * {@code stop}, {@code deploy}, {@code status} and {@code dns reload} find the process. Each tier
 * is registered on the {@link Stack} as soon as it exists, so a failed start stops those before it.
 */
public final class StackLauncher {
  /** The store the package comes with, exploded: what the instances run before a first deploy. */
  private static final String BUNDLED_STORE = "webapps/store";

  private final TierConfigs tiers;
  private final FoobarConfig config;
  private final Secrets secrets;
  private final Console console;
  private final Releases releases;
  private Optional<Release> running = Optional.empty(); // by start(): the release the apps run
  private DatabaseConfig databaseConfig; // by check(): the generated password made before start

  public StackLauncher(TierConfigs tiers, Secrets secrets, Console console) {
    this.tiers = tiers;
    this.config = tiers.config();
    this.secrets = secrets;
    this.console = console;
    this.releases = Releases.of(config.home());
  }

  /**
   * What must hold before anything starts: the files the configuration names, and the generated
   * secrets. A refusal here comes before a stop hook or a systemd notification exists.
   *
   * @throws com.foobar.dist.config.ConfigException naming the key and the file
   */
  public void check() {
    StartChecks.check(config);
    databaseConfig = tiers.database(secrets);
  }

  /**
   * Starts {@code tier} (all of them for {@link Tier#ALL}) onto {@code stack}, after {@link
   * #check()}.
   *
   * @param appPort with {@link Tier#APP}: which instance (one of app.ports)
   * @throws TierStartException with the operator's line when a tier cannot start
   */
  public void start(Tier tier, int appPort, Stack stack) {
    if (databaseConfig == null) {
      throw new IllegalStateException("check() first");
    }
    if (tier.includes(Tier.APP)) {
      Optional<String> broken = releases.brokenCurrent();
      if (broken.isPresent()) {
        throw new TierStartException(
            "app: "
                + releases.directory().resolve("current")
                + " names release "
                + broken.get()
                + ", which is not there: foobar rollback NUMBER onto one that is (foobar"
                + " releases), or remove the link to run the bundled store",
            null);
      }
      running = releases.current();
    }
    // A release's application has a database of its own (made by foobar deploy); the built-in
    // store keeps db.name.
    String appDatabaseName =
        running.map(r -> r.database(databaseConfig.databaseName())).orElse(null);
    DbConnection appDatabase;
    try {
      // An external MariaDB whose schema this host leaves alone (a host running web and app tiers
      // against another host's primary) needs no database tier here, nor admin credentials.
      boolean embeddedHere = tiers.runsEmbeddedDatabase();
      boolean databaseTier =
          tier.includes(Tier.DB) && (embeddedHere || config.bool(DbKey.MIGRATE_ON_START));
      if (tier.includes(Tier.DB) && !databaseTier) {
        console.tier(
            "database",
            tiers.databaseLabel()
                + ", external, schema left to its owner (db.migrate-on-start=false)");
      }
      Database database =
          databaseTier
              ? startDatabase(embeddedHere ? databaseConfig.withUrl("") : databaseConfig, stack)
              : null;
      if (database != null && databaseConfig.embedded()) {
        appDatabase =
            appDatabaseName == null
                ? database.appConnection()
                : database.appConnection(appDatabaseName);
      } else {
        appDatabase =
            Database.appConnectionTo(
                appDatabaseName == null
                    ? databaseConfig
                    : databaseConfig.forDatabase(appDatabaseName));
      }
    } catch (DatabaseException e) {
      throw new TierStartException("app: " + e.getMessage(), e);
    }
    List<URI> apps;
    if (tier.includes(Tier.APP)) {
      List<Integer> ports = tier == Tier.APP ? List.of(appPort) : tiers.appPorts();
      apps = startApps(ports, appDatabase, tier == Tier.APP, running, stack);
    } else {
      apps = tiers.appPorts().stream().map(tiers::appUri).toList();
    }
    WebServer web = null;
    if (tier.includes(Tier.WEB)) {
      web = startWeb(tiers.backends(apps), stack);
    }
    if (tier.includes(Tier.DNS)) {
      DnsServer dns = startDns(stack);
      ReloadOnHangup.install(dns::reload);
      writePidFile(Tier.DNS.processName(0), "", stack); // with the tier: dns reload signals it
    }
    if (web != null && tiers.managesCertificates()) {
      // Last, so that the DNS tier of this process already answers a DNS-01 challenge.
      manageCertificate(web, stack);
    }
    if (tier != Tier.DNS) {
      writePidFile(tier.processName(appPort), tier.includes(Tier.APP) ? releaseLabel() : "", stack);
    }
  }

  /** {@code release 3 (1.2.0)}, or {@code the built-in store}: what the app instances run. */
  private String releaseLabel() {
    return running
        .map(r -> "release " + r.number() + " (" + r.version() + ")")
        .orElse("the built-in store");
  }

  private void writePidFile(String processName, String release, Stack stack) {
    PidFile pidFile = new PidFile(config.home(), processName);
    pidFile.writeOwn(release);
    stack.add(processName + " pid file", pidFile::delete);
  }

  private Database startDatabase(DatabaseConfig databaseConfig, Stack stack) {
    Database database = stack.add("database", new Database(databaseConfig));
    long begin = System.nanoTime();
    String schema =
        TierStart.run(
            "database",
            tiers.databaseLabel(),
            () -> {
              database.start();
              if (config.integer(DbKey.SERVER_ID) > 0
                  && !config.isEmpty(DbKey.REPLICATION_PASSWORD)) {
                database.allowReplicas(
                    config.text(DbKey.REPLICATION_USER), config.text(DbKey.REPLICATION_PASSWORD));
              }
              return config.bool(DbKey.MIGRATE_ON_START)
                  ? database.migrate()
                  : "schema left as it is (db.migrate-on-start=false; see foobar db info)";
            },
            DbKey.EMBEDDED_PORT);
    console.tier("database", database.describe() + ", " + schema, begin);
    config
        .hostPort(DbKey.METRICS)
        .ifPresent(
            address ->
                TierStart.run(
                    "database metrics",
                    address.uriAuthority(),
                    () ->
                        stack.add(
                            "db metrics",
                            new MetricsEndpoint(
                                "db-metrics", address.socketAddress(), database::renderMetrics)),
                    DbKey.METRICS));
    return database;
  }

  /**
   * @param drained whether the instances drain on stop: in one process with the web tier, the web
   *     tier stops first and nobody polls the health of a stopping instance
   */
  private List<URI> startApps(
      List<Integer> ports,
      DbConnection database,
      boolean drained,
      Optional<Release> release,
      Stack stack) {
    long begin = System.nanoTime();
    List<URI> started = new ArrayList<>();
    Path webApp = release.map(Release::webApp).orElse(config.home().resolve(BUNDLED_STORE));
    for (int port : ports) {
      AppServer app =
          stack.add("app :" + port, new AppServer(tiers.app(port, database, drained, webApp)));
      TierStart.run("app", config.text(AppKey.BIND) + ":" + port, app::start, AppKey.PORTS);
      started.add(tiers.appUri(app.port()));
    }
    console.tier(
        "app",
        started.stream().map(URI::toString).collect(Collectors.joining(" "))
            + ", "
            + releaseLabel(),
        begin);
    return started;
  }

  private void manageCertificate(WebServer web, Stack stack) {
    ManagedCertificate certificate = stack.add("acme", tiers.managedCertificate(web));
    web.reportOn(certificate);
    try {
      DnsTierPublisher.clearLeftovers(tiers.dns01Directory());
      certificate.start();
    } catch (IOException e) {
      throw new TierStartException("web: " + e.getMessage(), e);
    }
    console.tier(
        "acme",
        "certificates from "
            + config.text(WebKey.ACME_DIRECTORY)
            + " for "
            + String.join(", ", certificate.status().names())
            + ", status in "
            + tiers.acmeDirectory().resolve("status.json"));
  }

  private WebServer startWeb(List<BackendSpec> backends, Stack stack) {
    long begin = System.nanoTime();
    WebServer web = stack.add("web", new WebServer(tiers.web(backends, secrets)));
    String bind = config.text(WebKey.BIND);
    TierStart.run(
        "web",
        bind + ":" + config.text(WebKey.HTTP_PORT) + " and :" + config.text(WebKey.HTTPS_PORT),
        web::start,
        WebKey.HTTP_PORT,
        WebKey.HTTPS_PORT);
    String host = tiers.webHost().uriHost();
    console.tier(
        "web",
        "http://"
            + host
            + ":"
            + web.httpPort()
            + "/ and https://"
            + host
            + ":"
            + web.httpsPort()
            + "/ serving "
            + config.path(WebKey.ROOT)
            + ", /api/* to "
            + backends.size()
            + " app instance(s)",
        begin);
    return web;
  }

  private DnsServer startDns(Stack stack) {
    long begin = System.nanoTime();
    DnsServer dns = stack.add("dns", new DnsServer(tiers.dns()));
    TierStart.run("dns", tiers.dnsLabel(), dns::start, DnsKey.PORT);
    if (tiers.managesCertificates()) {
      // The web tier's DNS-01 answers, from whichever process it runs in.
      AcmeChallengeDirectory answers =
          stack.add("dns-acme", new AcmeChallengeDirectory(tiers.dns01Directory(), dns));
      try {
        answers.start();
      } catch (IOException e) {
        throw new TierStartException("dns: " + e.getMessage(), e);
      }
    }
    console.tier(
        "dns",
        "udp+tcp "
            + String.join(",", config.list(DnsKey.BIND))
            + " port "
            + dns.port()
            + ", zones from "
            + config.path(DnsKey.ZONES)
            + (dns.metricsPort() < 0 ? "" : ", metrics on port " + dns.metricsPort()),
        begin);
    return dns;
  }
}
