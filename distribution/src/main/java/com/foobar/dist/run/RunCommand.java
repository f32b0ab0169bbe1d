package com.foobar.dist.run;

import static com.foobar.dist.config.ConfigKeys.*;

import com.foobar.app.AppConfig;
import com.foobar.app.AppServer;
import com.foobar.db.Database;
import com.foobar.db.DatabaseConfig;
import com.foobar.db.DatabaseException;
import com.foobar.db.DbConnection;
import com.foobar.db.PoolSettings;
import com.foobar.dist.Foobar;
import com.foobar.dist.config.ConfigException;
import com.foobar.dist.config.FoobarConfig;
import com.foobar.dist.config.LocalAddress;
import com.foobar.dns.DnsConfig;
import com.foobar.dns.DnsServer;
import com.foobar.dns.ZoneFileException;
import com.foobar.web.WebConfig;
import com.foobar.web.WebServer;
import com.foobar.web.admin.AdminConfig;
import com.foobar.web.proxy.BackendSpec;
import com.foobar.web.proxy.BackendUrls;
import com.foobar.web.proxy.Balance;
import com.foobar.web.tls.TlsConfig;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code foobar run}: starts the embedded MariaDB, the migrations, the app instances, the web tier
 * and DNS, in that order, one line each, and stops them in reverse on SIGTERM or Ctrl-C.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Start the stack (or one --tier of it) in this process; Ctrl-C or SIGTERM stops it.")
public final class RunCommand implements java.util.concurrent.Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
  static final int CONFIG_ERROR = 2;
  static final int START_ERROR = 1;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a key of conf/foobar.properties (repeatable).")
  private Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--tier",
      paramLabel = "TIER",
      description =
          "Run one tier in this process: ${COMPLETION-CANDIDATES} (default: all, in one JVM).")
  private Tier tier = Tier.ALL;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "With --tier app: the port of the instance to run (one of app.ports).")
  private Integer appPort;

  private final PrintStream out = System.out;
  private final PrintStream err = System.err;

  @Override
  public Integer call() {
    long begin = System.nanoTime();
    FoobarConfig config;
    DatabaseConfig databaseConfig;
    try {
      config = FoobarConfig.load(Foobar.home(), System.getenv(), overrides);
      checkPaths(config);
      databaseConfig = databaseConfig(config);
      poolSettings(config); // refused here, with the other config errors, not at the first app
    } catch (ConfigException e) {
      err.println("foobar: " + e.getMessage());
      return CONFIG_ERROR;
    }

    Stack stack = new Stack();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stopper =
        new Thread(
            () -> {
              SystemdNotify.stopping();
              out.println("foobar: stopping");
              stack.close();
              out.println("foobar: stopped");
              stopped.countDown();
            },
            "foobar-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      start(config, databaseConfig, stack);
    } catch (TierStartException e) {
      err.println("foobar: " + e.getMessage());
      // The operator got the one line above; the stack trace is for logs/foobar.log only
      // (the console shows WARN and up).
      log.info("start-up failed: {}", e.getMessage(), e.getCause());
      return START_ERROR;
    }
    if (tier != Tier.DNS) { // the DNS tier's pid file is written with the tier (dns reload)
      PidFile pidFile = new PidFile(config.home(), processName());
      pidFile.writeOwn();
      stack.add(processName() + " pid file", pidFile::delete);
    }
    String up =
        String.format(
            "%s up in %.1f s",
            tier == Tier.ALL ? "stack" : tier.name().toLowerCase(java.util.Locale.ROOT),
            (System.nanoTime() - begin) / 1e9);
    out.println("foobar: " + up);
    out.flush();
    SystemdNotify.ready(up);
    awaitQuietly(stopped);
    return 0;
  }

  private void start(FoobarConfig config, DatabaseConfig databaseConfig, Stack stack) {
    DbConnection appDatabase;
    try {
      appDatabase =
          tier.includes(Tier.DB)
              ? startDatabase(config, databaseConfig, stack)
              : Database.appConnectionTo(databaseConfig);
    } catch (DatabaseException e) {
      throw new TierStartException("app: " + e.getMessage(), e);
    }
    List<URI> backends;
    if (tier.includes(Tier.APP)) {
      List<Integer> ports = tier == Tier.APP ? List.of(appPort()) : config.integers(APP_PORTS);
      backends = startApps(config, ports, appDatabase, stack);
    } else {
      backends = new ArrayList<>();
      for (int port : config.integers(APP_PORTS)) {
        backends.add(appUri(config, port));
      }
    }
    if (tier.includes(Tier.WEB)) {
      String listed = config.text(WEB_BACKENDS);
      startWeb(
          config,
          listed.isEmpty()
              ? backends.stream().map(BackendSpec::of).toList()
              : BackendUrls.parse(listed),
          stack);
    }
    if (tier.includes(Tier.DNS)) {
      DnsServer dns = startDns(config, stack);
      ReloadOnHangup.install(dns::reload);
      PidFile pidFile = new PidFile(config.home(), "dns");
      pidFile.writeOwn();
      stack.add("dns pid file", pidFile::delete);
    }
  }

  /**
   * The name of this process's pid file (var/run/NAME.pid) and log file: {@code foobar} for the
   * whole stack, else the tier ({@code app-8081} for an app instance).
   */
  private String processName() {
    return switch (tier) {
      case ALL -> "foobar";
      case APP -> "app-" + appPort();
      default -> tier.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private int appPort() {
    if (appPort == null) {
      throw new TierStartException("--tier app needs --port N: which instance to run", null);
    }
    return appPort;
  }

  private DbConnection startDatabase(
      FoobarConfig config, DatabaseConfig databaseConfig, Stack stack) {
    Database database = stack.add("database", new Database(databaseConfig));
    long begin = System.nanoTime();
    String schema =
        starting(
            "database",
            config.text(DB_URL).isEmpty()
                ? "127.0.0.1:" + config.text(DB_EMBEDDED_PORT)
                : config.text(DB_URL),
            DB_EMBEDDED_PORT.name(),
            () -> {
              database.start();
              return config.bool(DB_MIGRATE_ON_START)
                  ? database.migrate()
                  : "schema left as it is (db.migrate-on-start=false; see foobar db info)";
            });
    line("database", database.describe() + ", " + schema, begin);
    return database.appConnection();
  }

  /**
   * @throws ConfigException naming the app.pool keys when their values do not fit together
   */
  private static PoolSettings poolSettings(FoobarConfig config) {
    try {
      return new PoolSettings(
          config.integer(APP_POOL_MAX_SIZE),
          Duration.ofMillis(config.integer(APP_POOL_TIMEOUT_MS)),
          Duration.ofMillis(config.integer(APP_POOL_MAX_LIFETIME_MS)),
          Duration.ofMillis(config.integer(APP_POOL_KEEPALIVE_MS)));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("app.pool.*: " + e.getMessage());
    }
  }

  private List<URI> startApps(
      FoobarConfig config, List<Integer> ports, DbConnection database, Stack stack) {
    long begin = System.nanoTime();
    List<URI> started = new ArrayList<>();
    for (int port : ports) {
      AppServer app =
          stack.add(
              "app :" + port,
              new AppServer(
                  new AppConfig(
                      config.text(APP_BIND),
                      port,
                      database,
                      poolSettings(config),
                      drainDelay(config))));
      starting("app", config.text(APP_BIND) + ":" + port, APP_PORTS.name(), app::start);
      started.add(appUri(config, app.port()));
    }
    line("app", started.stream().map(URI::toString).collect(Collectors.joining(" ")), begin);
    return started;
  }

  /** The web tier's admin port, and where its status page finds the DNS tier and database. */
  private static AdminConfig adminConfig(FoobarConfig config) {
    String admin = config.text(WEB_ADMIN);
    if (admin.isEmpty()) {
      return null;
    }
    String dnsMetrics = config.text(DNS_METRICS);
    URI dnsEndpoint =
        dnsMetrics.isEmpty()
            ? null
            : URI.create(
                "http://"
                    + LocalAddress.uriHost(host(dnsMetrics))
                    + ":"
                    + port(dnsMetrics)
                    + "/metrics");
    String database =
        config.text(DB_URL).isEmpty()
            ? "127.0.0.1:" + config.text(DB_EMBEDDED_PORT)
            : config.text(DB_URL).replaceFirst("^jdbc:mariadb:(//)?", "").replaceFirst("/.*$", "");
    return new AdminConfig(
        host(admin),
        port(admin),
        dnsEndpoint,
        String.join(",", config.list(DNS_BIND)) + " port " + config.text(DNS_PORT),
        database);
  }

  private static String host(String hostPort) {
    String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  /**
   * HTTPS: the operator's keystore, or a self-signed one for the site's names made once under
   * var/tls/ with a generated password.
   */
  private static TlsConfig tlsConfig(FoobarConfig config) {
    String keystore = config.text(WEB_HTTPS_KEYSTORE);
    String password = config.text(WEB_HTTPS_KEYSTORE_PASSWORD);
    if (!keystore.isEmpty()) { // checked by checkPaths: readable, with a password
      return new TlsConfig(
          config.integer(WEB_HTTPS_PORT),
          config.path(WEB_HTTPS_KEYSTORE),
          password,
          List.of(),
          config.bool(WEB_HTTPS_REDIRECT));
    }
    if (password.isEmpty()) {
      password = SecretFile.readOrCreate(config.home().resolve("var/secrets/keystore.password"));
    }
    List<String> names = new ArrayList<>();
    if (!config.text(WEB_CANONICAL_HOST).isEmpty()) {
      names.add(config.text(WEB_CANONICAL_HOST));
    }
    names.addAll(config.list(WEB_HOST_ALIASES));
    names.addAll(List.of("localhost", "127.0.0.1"));
    return new TlsConfig(
        config.integer(WEB_HTTPS_PORT),
        config.home().resolve("var/tls/keystore.p12"),
        password,
        names,
        config.bool(WEB_HTTPS_REDIRECT));
  }

  /**
   * In one process with the web tier, the web tier stops first and nobody polls the health of a
   * stopping instance: draining would only delay the stop.
   */
  private Duration drainDelay(FoobarConfig config) {
    return tier == Tier.APP ? Duration.ofMillis(config.integer(APP_DRAIN_DELAY_MS)) : Duration.ZERO;
  }

  private void startWeb(FoobarConfig config, List<BackendSpec> backends, Stack stack) {
    long begin = System.nanoTime();
    WebServer web =
        stack.add(
            "web",
            new WebServer(
                new WebConfig(
                    config.text(WEB_BIND),
                    config.integer(WEB_HTTP_PORT),
                    config.path(WEB_ROOT),
                    backends,
                    Duration.ofMillis(config.integer(WEB_HEALTH_INTERVAL_MS)),
                    Duration.ofMillis(config.integer(WEB_PROXY_TIMEOUT_MS)),
                    config.text(WEB_CANONICAL_HOST),
                    config.list(WEB_HOST_ALIASES),
                    config.text(WEB_CACHE_CONTROL),
                    tlsConfig(config),
                    config.bool(WEB_ACCESS_LOG),
                    adminConfig(config),
                    Balance.fromConfigName(config.text(WEB_BALANCE)))));
    starting(
        "web",
        config.text(WEB_BIND)
            + ":"
            + config.text(WEB_HTTP_PORT)
            + " and :"
            + config.text(WEB_HTTPS_PORT),
        WEB_HTTP_PORT.name() + " or " + WEB_HTTPS_PORT.name(),
        web::start);
    line(
        "web",
        "http://"
            + hostForUri(config.text(WEB_BIND))
            + ":"
            + web.httpPort()
            + "/ and https://"
            + hostForUri(config.text(WEB_BIND))
            + ":"
            + web.httpsPort()
            + "/ serving "
            + config.path(WEB_ROOT)
            + ", /api/* to "
            + backends.size()
            + " app instance(s)",
        begin);
  }

  private DnsServer startDns(FoobarConfig config, Stack stack) {
    long begin = System.nanoTime();
    String addresses = String.join(",", config.list(DNS_BIND));
    DnsServer dns =
        stack.add(
            "dns",
            new DnsServer(
                new DnsConfig(
                    config.list(DNS_BIND),
                    config.integer(DNS_PORT),
                    config.path(DNS_ZONES),
                    config.list(DNS_TRANSFER_ALLOW),
                    config.list(DNS_NOTIFY),
                    config.text(DNS_METRICS),
                    config.integer(DNS_RRL_RATE))));
    starting("dns", addresses + " port " + config.text(DNS_PORT), DNS_PORT.name(), dns::start);
    line(
        "dns",
        "udp+tcp "
            + addresses
            + " port "
            + dns.port()
            + ", zones from "
            + config.path(DNS_ZONES)
            + (dns.metricsPort() < 0 ? "" : ", metrics on port " + dns.metricsPort()),
        begin);
    return dns;
  }

  private static URI appUri(FoobarConfig config, int port) {
    return URI.create("http://" + hostForUri(config.text(APP_BIND)) + ":" + port);
  }

  /** The database settings of a configuration (shared with foobar db). */
  public static DatabaseConfig databaseConfig(FoobarConfig config) {
    Path embedded = config.path(DB_EMBEDDED_DIR);
    String password = config.text(DB_APP_PASSWORD);
    boolean external = !config.text(DB_URL).isEmpty();
    if (password.isEmpty()) {
      if (external) {
        throw new ConfigException(
            DB_APP_PASSWORD.name() + " must be set when db.url names an external MariaDB");
      }
      password = SecretFile.readOrCreate(config.home().resolve("var/secrets/db-app.password"));
    }
    return new DatabaseConfig(
        config.text(DB_URL),
        embedded.resolve("data"),
        embedded.resolve("base"),
        config.integer(DB_EMBEDDED_PORT),
        config.text(DB_NAME),
        config.text(DB_APP_USER),
        password,
        config.text(DB_ADMIN_USER),
        config.text(DB_ADMIN_PASSWORD));
  }

  /**
   * Checks that would otherwise fail only after the database had started: nothing starts
   * half-configured.
   */
  private static void checkPaths(FoobarConfig config) {
    if (!Files.isDirectory(config.path(WEB_ROOT))) {
      throw new ConfigException(WEB_ROOT.name() + ": no such directory " + config.path(WEB_ROOT));
    }
    if (!Files.isDirectory(config.path(DNS_ZONES))) {
      throw new ConfigException(DNS_ZONES.name() + ": no such directory " + config.path(DNS_ZONES));
    }
    if (!config.text(WEB_HTTPS_KEYSTORE).isEmpty()) {
      if (config.text(WEB_HTTPS_KEYSTORE_PASSWORD).isEmpty()) {
        throw new ConfigException(
            WEB_HTTPS_KEYSTORE_PASSWORD.name() + " must be set when web.https.keystore is");
      }
      if (!Files.isReadable(config.path(WEB_HTTPS_KEYSTORE))) {
        throw new ConfigException(
            WEB_HTTPS_KEYSTORE.name() + ": cannot read " + config.path(WEB_HTTPS_KEYSTORE));
      }
    }
    try {
      DnsServer.checkZones(config.path(DNS_ZONES));
    } catch (ZoneFileException e) {
      throw new ConfigException("dns: " + e.getMessage());
    }
  }

  private interface Starter<T> {
    T start() throws Exception;
  }

  private interface VoidStarter {
    void start() throws Exception;
  }

  private static void starting(String tier, String address, String portKey, VoidStarter starter) {
    starting(
        tier,
        address,
        portKey,
        () -> {
          starter.start();
          return null;
        });
  }

  private static <T> T starting(String tier, String address, String portKey, Starter<T> starter) {
    try {
      return starter.start();
    } catch (Exception e) {
      throw new TierStartException(StartFailure.explain(tier, address, portKey, e), e);
    }
  }

  private void line(String tier, String detail, long beginNanos) {
    out.printf("  %-9s %s (%d ms)%n", tier, detail, (System.nanoTime() - beginNanos) / 1_000_000);
    out.flush();
  }

  private static String hostForUri(String bind) {
    if (bind.equals("*")) {
      return "localhost";
    }
    return bind.contains(":") ? "[" + bind + "]" : bind;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A tier that could not start; the message is the line for the operator. */
  static final class TierStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TierStartException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
