package com.foobar.dist.stack;

import com.foobar.app.AppConfig;
import com.foobar.db.DatabaseConfig;
import com.foobar.db.DbConnection;
import com.foobar.db.PoolSettings;
import com.foobar.dist.config.AppKey;
import com.foobar.dist.config.BindHost;
import com.foobar.dist.config.ConfigException;
import com.foobar.dist.config.DbKey;
import com.foobar.dist.config.DnsKey;
import com.foobar.dist.config.FoobarConfig;
import com.foobar.dist.config.HostPort;
import com.foobar.dist.config.JdbcUrl;
import com.foobar.dist.config.WebKey;
import com.foobar.dns.DnsConfig;
import com.foobar.dns.health.HealthChecks;
import com.foobar.web.WebConfig;
import com.foobar.web.WebServer;
import com.foobar.web.acme.AcmeIssuer;
import com.foobar.web.acme.DnsTierPublisher;
import com.foobar.web.acme.ManagedCertificate;
import com.foobar.web.admin.AdminConfig;
import com.foobar.web.proxy.AppRoutes;
import com.foobar.web.proxy.BackendSpec;
import com.foobar.web.proxy.BackendUrls;
import com.foobar.web.proxy.Balance;
import com.foobar.web.tls.TlsConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Each tier's own config record, mapped from the loaded configuration. Pure: no file, socket or
 * clock (generated passwords come from {@link Secrets}), so every key's way to its field is unit
 * tested. {@link #of} refuses, naming the keys, the combinations that could not work, so every
 * command that loads the configuration refuses them the same way before anything starts.
 */
public final class TierConfigs {
  // sun_path holds 108 bytes with the closing NUL, and the JDK refuses 107 too (measured, JDK 17)
  private static final int MAX_SOCKET_PATH_BYTES = 106;

  static final String DB_APP_SECRET = "db-app.password";
  static final String KEYSTORE_SECRET = "keystore.password";

  private final FoobarConfig config;

  private TierConfigs(FoobarConfig config) {
    this.config = config;
  }

  /**
   * @throws ConfigException naming the keys of a combination that cannot work
   */
  public static TierConfigs of(FoobarConfig config) {
    TierConfigs tiers = new TierConfigs(config);
    tiers.pool();
    if (!config.isEmpty(DbKey.URL) && config.isEmpty(DbKey.APP_PASSWORD)) {
      throw new ConfigException(
          config.named(DbKey.APP_PASSWORD)
              + " must be set when "
              + config.named(DbKey.URL)
              + " names an external MariaDB");
    }
    if (!config.isEmpty(WebKey.HTTPS_KEYSTORE) && config.isEmpty(WebKey.HTTPS_KEYSTORE_PASSWORD)) {
      throw new ConfigException(
          config.named(WebKey.HTTPS_KEYSTORE_PASSWORD)
              + " must be set when "
              + config.named(WebKey.HTTPS_KEYSTORE)
              + " is");
    }
    if (!config.isEmpty(WebKey.ACME_DIRECTORY)) {
      if (!config.bool(WebKey.ACME_AGREE_TERMS)) {
        throw new ConfigException(
            config.named(WebKey.ACME_AGREE_TERMS)
                + " must be true to use "
                + config.named(WebKey.ACME_DIRECTORY)
                + ": the CA issues only to accounts that agree to its terms of service");
      }
      if (!config.isEmpty(WebKey.HTTPS_KEYSTORE)) {
        throw new ConfigException(
            config.named(WebKey.ACME_DIRECTORY)
                + " and "
                + config.named(WebKey.HTTPS_KEYSTORE)
                + " are both set: the CA's certificates would replace your keystore; choose one");
      }
      if (certificateNames(config).isEmpty()) {
        throw new ConfigException(
            config.named(WebKey.ACME_NAMES)
                + " is empty and so are web.canonical-host and web.host-aliases: no names to ask"
                + " a certificate for");
      }
    }
    if (!config.isEmpty(DnsKey.SECONDARY_ZONES) && config.isEmpty(DnsKey.SECONDARY_PRIMARIES)) {
      throw new ConfigException(
          config.named(DnsKey.SECONDARY_PRIMARIES)
              + " must name the primaries when "
              + config.named(DnsKey.SECONDARY_ZONES)
              + " is set");
    }
    try {
      tiers.dns();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage()); // "dns: ...", naming the value
    }
    return tiers;
  }

  /**
   * Without the checks of combinations, for the commands that find and stop what runs ({@code
   * stop}, {@code status}): a configuration edited wrongly while the stack runs must not keep the
   * operator from seeing or stopping it.
   */
  public static TierConfigs unchecked(FoobarConfig config) {
    return new TierConfigs(config);
  }

  public FoobarConfig config() {
    return config;
  }

  /**
   * Whether this host runs the embedded MariaDB: when db.url is empty, and on every member of a
   * replication set (a server id), whose app instances may use db.url (a replication: URL naming
   * the primary and this host's replica) while the db tier runs the embedded server.
   */
  public boolean runsEmbeddedDatabase() {
    return config.isEmpty(DbKey.URL) || config.integer(DbKey.SERVER_ID) > 0;
  }

  /** Where the embedded MariaDB keeps its data. */
  public Path embeddedDataDirectory() {
    return config.path(DbKey.EMBEDDED_DIR).resolve("data");
  }

  /** The embedded MariaDB of this host, whatever db.url says (see runsEmbeddedDatabase). */
  public DatabaseConfig embeddedDatabase(Secrets secrets) {
    return database(secrets).withUrl("");
  }

  /** The embedded MariaDB, or the external one of db.url, with the app user's password. */
  public DatabaseConfig database(Secrets secrets) {
    Path embedded = config.path(DbKey.EMBEDDED_DIR);
    String password = config.text(DbKey.APP_PASSWORD);
    if (password.isEmpty()) { // embedded only: of() refuses an external one without
      password = secrets.generated(DB_APP_SECRET);
    }
    return DatabaseConfig.embedded(embeddedDataDirectory(), embedded.resolve("base"))
        .withUrl(config.text(DbKey.URL))
        .withEmbeddedPort(config.integer(DbKey.EMBEDDED_PORT))
        .withDatabaseName(config.text(DbKey.NAME))
        .withAppUser(config.text(DbKey.APP_USER))
        .withAppPassword(password)
        .withAppHosts(config.list(DbKey.APP_HOSTS))
        .withAdminUser(config.text(DbKey.ADMIN_USER))
        .withAdminPassword(config.text(DbKey.ADMIN_PASSWORD))
        .withServerId(config.integer(DbKey.SERVER_ID))
        .withEmbeddedBind(String.join(",", config.list(DbKey.EMBEDDED_BIND)))
        .withSemiSync(config.bool(DbKey.SEMI_SYNC))
        .withSemiSyncTimeoutMs(config.integer(DbKey.SEMI_SYNC_TIMEOUT_MS));
  }

  /** Where the database is, for console and status lines: {@code 127.0.0.1:3306}, or db.url's. */
  public String databaseLabel() {
    return config
        .jdbcUrl(DbKey.URL)
        .map(JdbcUrl::label)
        .orElse("127.0.0.1:" + config.text(DbKey.EMBEDDED_PORT));
  }

  /**
   * @throws ConfigException naming the app.pool keys when their values do not fit together
   */
  public PoolSettings pool() {
    try {
      return new PoolSettings(
          config.integer(AppKey.POOL_MAX_SIZE),
          config.millis(AppKey.POOL_TIMEOUT_MS),
          config.millis(AppKey.POOL_MAX_LIFETIME_MS),
          config.millis(AppKey.POOL_KEEPALIVE_MS));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("app.pool.*: " + e.getMessage());
    }
  }

  public List<Integer> appPorts() {
    return config.integers(AppKey.PORTS);
  }

  /**
   * One app instance.
   *
   * @param drained whether the instance drains on stop (app.drain-delay-ms): only when it runs in a
   *     process of its own, so a web tier elsewhere is polling its health
   * @param webApp the current release's web application, or null for the built-in store
   */
  public AppConfig app(int port, DbConnection database, boolean drained, Path webApp) {
    return new AppConfig(
            config.text(AppKey.BIND),
            port,
            database,
            pool(),
            drained ? config.millis(AppKey.DRAIN_DELAY_MS) : Duration.ZERO)
        .withWebApp(webApp)
        .withUnixSocket(appSocket(port));
  }

  /**
   * The Unix domain socket of the app instance on {@code port} of this host, or null: when off, for
   * a port picked at start (0), or where the path would not fit a socket address (106 bytes). The
   * instance and the web tier both ask here, so they agree without telling each other.
   */
  public Path appSocket(int port) {
    if (!config.bool(AppKey.UNIX_SOCKET) || port == 0 || !appPorts().contains(port)) {
      return null;
    }
    Path socket = config.home().resolve("var/run/app-" + port + ".sock").toAbsolutePath();
    return socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES
        ? null
        : socket;
  }

  /** How many releases {@code foobar deploy} keeps (the current and previous always). */
  public int releasesKept() {
    return config.integer(AppKey.RELEASES_KEEP);
  }

  /** How the web tier (and foobar's commands) reach the app instance on a port. */
  public URI appUri(int port) {
    return URI.create("http://" + config.bindHost(AppKey.BIND).uriHost() + ":" + port);
  }

  /** web.backends when set, else the app instances of this host. */
  public List<BackendSpec> backends(List<URI> localApps) {
    return config.isEmpty(WebKey.BACKENDS)
        ? localApps.stream()
            .map(app -> BackendSpec.of(app).withUnixSocket(appSocket(app.getPort())))
            .toList()
        : BackendUrls.parse(config.text(WebKey.BACKENDS));
  }

  public WebConfig web(List<BackendSpec> backends, Secrets secrets) {
    return WebConfig.serving(config.path(WebKey.ROOT))
        .withBindHost(config.text(WebKey.BIND))
        .withHttpPort(config.integer(WebKey.HTTP_PORT))
        .withBackends(backends)
        .withHealthCheckInterval(config.millis(WebKey.HEALTH_INTERVAL_MS))
        .withProxyTimeout(config.millis(WebKey.PROXY_TIMEOUT_MS))
        .withCanonicalHost(config.text(WebKey.CANONICAL_HOST))
        .withHostAliases(config.list(WebKey.HOST_ALIASES))
        .withCacheRules(config.text(WebKey.CACHE_CONTROL))
        .withTls(tls(secrets))
        .withAccessLog(config.bool(WebKey.ACCESS_LOG))
        .withAdmin(admin())
        .withBalance(Balance.fromConfigName(config.text(WebKey.BALANCE)))
        .withAppRoutes(AppRoutes.fromConfigName(config.text(WebKey.APP_ROUTES)));
  }

  /**
   * HTTPS: the operator's keystore, or a self-signed one for the site's names, made once under
   * var/tls/ with a generated password.
   */
  TlsConfig tls(Secrets secrets) {
    int port = config.integer(WebKey.HTTPS_PORT);
    boolean redirect = config.bool(WebKey.HTTPS_REDIRECT);
    String password = config.text(WebKey.HTTPS_KEYSTORE_PASSWORD);
    if (!config.isEmpty(WebKey.HTTPS_KEYSTORE)) { // of() made sure it has a password
      return new TlsConfig(port, config.path(WebKey.HTTPS_KEYSTORE), password, List.of(), redirect);
    }
    if (password.isEmpty()) {
      password = secrets.generated(KEYSTORE_SECRET);
    }
    List<String> names = new ArrayList<>(siteNames(config));
    names.addAll(List.of("localhost", "127.0.0.1"));
    return new TlsConfig(
        port, config.home().resolve("var/tls/keystore.p12"), password, names, redirect);
  }

  /** Whether the web tier gets its certificates from an ACME CA ({@code web.https.acme.*}). */
  public boolean managesCertificates() {
    return !config.isEmpty(WebKey.ACME_DIRECTORY);
  }

  /** Where the managed certificate, the ACME account key and the DNS-01 hand-off are kept. */
  public Path acmeDirectory() {
    return config.home().resolve("var/acme");
  }

  /** The directory through which the web tier hands DNS-01 answers to the DNS tier. */
  public Path dns01Directory() {
    return acmeDirectory().resolve("dns-01");
  }

  /**
   * The web tier's certificate from the ACME CA: HTTP-01 answered by {@code web} itself, DNS-01
   * (wildcards, or every name with {@code challenge = dns-01}) by the DNS tier on this host.
   */
  public ManagedCertificate managedCertificate(WebServer web) {
    boolean dnsOnly = config.text(WebKey.ACME_CHALLENGE).equals("dns-01");
    BindHost dns = config.bindHosts(DnsKey.BIND).get(0);
    AcmeIssuer issuer =
        new AcmeIssuer(
            URI.create(config.text(WebKey.ACME_DIRECTORY)),
            config.isEmpty(WebKey.ACME_DIRECTORY_CA) ? null : config.path(WebKey.ACME_DIRECTORY_CA),
            config.isEmpty(WebKey.ACME_CONTACT) ? null : config.text(WebKey.ACME_CONTACT),
            acmeDirectory().resolve("account.key"),
            dnsOnly ? null : web.acmeChallenges(),
            new DnsTierPublisher(
                dns01Directory(),
                new InetSocketAddress(dns.connectable(), config.integer(DnsKey.PORT))));
    return new ManagedCertificate(
        issuer,
        certificateNames(config),
        acmeDirectory(),
        web::useCertificate,
        ManagedCertificate.FIRST_BACKOFF);
  }

  /** {@code web.https.acme.names}, or the canonical host and its aliases. */
  private static List<String> certificateNames(FoobarConfig config) {
    return config.isEmpty(WebKey.ACME_NAMES) ? siteNames(config) : config.list(WebKey.ACME_NAMES);
  }

  /** The canonical host and its aliases. */
  private static List<String> siteNames(FoobarConfig config) {
    List<String> names = new ArrayList<>();
    if (!config.isEmpty(WebKey.CANONICAL_HOST)) {
      names.add(config.text(WebKey.CANONICAL_HOST));
    }
    names.addAll(config.list(WebKey.HOST_ALIASES));
    return names;
  }

  /** The web tier's admin port, and where its status page finds the DNS tier and database. */
  AdminConfig admin() {
    return config
        .hostPort(WebKey.ADMIN)
        .map(
            admin ->
                new AdminConfig(
                    admin.host().literal(),
                    admin.port(),
                    config
                        .hostPort(DnsKey.METRICS)
                        .map(dns -> URI.create("http://" + dns.uriAuthority() + "/metrics"))
                        .orElse(null),
                    dnsLabel(),
                    databaseLabel()))
        .orElse(null);
  }

  public DnsConfig dns() {
    return DnsConfig.serving(config.path(DnsKey.ZONES))
        .withBindAddresses(config.list(DnsKey.BIND))
        .withPort(config.integer(DnsKey.PORT))
        .withTransferAllow(config.list(DnsKey.TRANSFER_ALLOW))
        .withNotifyTargets(config.list(DnsKey.NOTIFY))
        .withMetrics(config.hostPort(DnsKey.METRICS).map(HostPort::socketAddress).orElse(null))
        .withRateLimit(config.integer(DnsKey.RRL_RATE))
        .withSecondary(
            config.list(DnsKey.SECONDARY_ZONES),
            config.list(DnsKey.SECONDARY_PRIMARIES),
            config.path(DnsKey.SECONDARY_DIR))
        .withHealthChecks(
            config.isEmpty(DnsKey.HEALTH_NAMES)
                ? null
                : new HealthChecks(
                    config.list(DnsKey.HEALTH_NAMES),
                    config.text(DnsKey.HEALTH_URL),
                    config.millis(DnsKey.HEALTH_INTERVAL_MS),
                    config.integer(DnsKey.HEALTH_RISE),
                    config.integer(DnsKey.HEALTH_FALL),
                    config.integer(DnsKey.HEALTH_TTL)));
  }

  /** Where DNS listens, for console and status lines: {@code *,::1 port 53}. */
  public String dnsLabel() {
    return String.join(",", config.list(DnsKey.BIND)) + " port " + config.text(DnsKey.PORT);
  }

  /** The address a command on this host reaches the web tier at. */
  public BindHost webHost() {
    return config.bindHost(WebKey.BIND);
  }
}
