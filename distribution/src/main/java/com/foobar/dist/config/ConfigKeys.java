package com.foobar.dist.config;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every key foobar understands. Defaults are the production layout (53, 80, loopback apps). */
public final class ConfigKeys {
  private ConfigKeys() {}

  public static final ConfigKey DNS_BIND =
      key("dns.bind", "*", ValueType.ADDRESS_LIST, "Addresses DNS listens on (UDP and TCP).");
  public static final ConfigKey DNS_PORT = key("dns.port", "53", ValueType.PORT, "DNS port.");
  public static final ConfigKey DNS_ZONES =
      key("dns.zones", "conf/zones", ValueType.PATH, "Directory of <origin>.zone master files.");

  public static final ConfigKey DNS_TRANSFER_ALLOW =
      key(
          "dns.transfer.allow",
          "",
          ValueType.PREFIX_LIST,
          "Who may AXFR/IXFR our zones over TCP (IPs or CIDR prefixes); empty = nobody.");

  public static final ConfigKey DNS_NOTIFY =
      key(
          "dns.notify",
          "",
          ValueType.TARGET_LIST,
          "Secondaries to NOTIFY when a zone's serial grows (IP or IP@port); empty = none.");

  public static final ConfigKey DNS_METRICS =
      key(
          "dns.metrics",
          "127.0.0.1:9153",
          ValueType.LISTEN_ADDRESS,
          "Prometheus endpoint of the DNS tier (GET /metrics); empty = off.");

  public static final ConfigKey DNS_RRL_RATE =
      key(
          "dns.rrl.rate",
          "0",
          ValueType.COUNT,
          "UDP answers per second per client /24 or /56 before RRL slips or drops; 0 = off.");

  public static final ConfigKey WEB_BIND =
      key("web.bind", "*", ValueType.ADDRESS, "Address the web tier listens on.");
  public static final ConfigKey WEB_HTTP_PORT =
      key("web.http.port", "80", ValueType.PORT, "HTTP port of the web tier.");
  public static final ConfigKey WEB_ROOT =
      key("web.root", "webroot", ValueType.PATH, "Directory of the static site.");

  public static final ConfigKey WEB_HTTPS_PORT =
      key("web.https.port", "443", ValueType.PORT, "HTTPS port of the web tier (HTTP/2 by ALPN).");
  public static final ConfigKey WEB_HTTPS_KEYSTORE =
      key(
          "web.https.keystore",
          "",
          ValueType.OPTIONAL_PATH,
          "PKCS#12 keystore of the site; empty = self-signed, made once in var/tls/.");
  public static final ConfigKey WEB_HTTPS_KEYSTORE_PASSWORD =
      key(
          "web.https.keystore-password",
          "",
          ValueType.TEXT,
          "Its password; empty = generated into var/secrets/ (self-signed keystore only).");
  public static final ConfigKey WEB_HTTPS_REDIRECT =
      key(
          "web.https.redirect",
          "false",
          ValueType.BOOLEAN,
          "Whether plain HTTP requests get a 301 to HTTPS.");
  public static final ConfigKey WEB_ADMIN =
      key(
          "web.admin",
          "127.0.0.1:9180",
          ValueType.LISTEN_ADDRESS,
          "Admin port of the web tier (GET /metrics, /status), IP:port; empty = off.");
  public static final ConfigKey WEB_ACCESS_LOG =
      key(
          "web.access-log",
          "true",
          ValueType.BOOLEAN,
          "Whether requests are logged in NCSA combined format to logs/access.log.");
  public static final ConfigKey WEB_HEALTH_INTERVAL_MS =
      key(
          "web.health.interval-ms",
          "1000",
          ValueType.POSITIVE_INT,
          "How often the web tier polls each app instance's /api/health, in ms.");
  public static final ConfigKey WEB_PROXY_TIMEOUT_MS =
      key(
          "web.proxy.timeout-ms",
          "30000",
          ValueType.POSITIVE_INT,
          "The longest an app instance may take to answer, in ms; then 504.");

  public static final ConfigKey WEB_BACKENDS =
      key(
          "web.backends",
          "",
          ValueType.BACKEND_LIST,
          "The app instances /api/* is balanced over, as http://host:port [weight=N] [backup],"
              + " ...; empty = those on app.bind and app.ports.");

  public static final ConfigKey WEB_BALANCE =
      key(
          "web.balance",
          "round-robin",
          ValueType.BALANCE,
          "How an app instance is chosen: round-robin, or least-busy (fewest in flight).");

  public static final ConfigKey WEB_CANONICAL_HOST =
      key(
          "web.canonical-host",
          "www.foobar.com",
          ValueType.TEXT,
          "The site's name; requests for web.host-aliases get a 301 to it. Empty = none.");
  public static final ConfigKey WEB_HOST_ALIASES =
      key(
          "web.host-aliases",
          "foobar.com",
          ValueType.TEXT,
          "Comma-separated names answered with a 301 to web.canonical-host.");
  public static final ConfigKey WEB_CACHE_CONTROL =
      key(
          "web.cache-control",
          "*.html /: no-cache; *.css *.js *.svg *.png *.ico *.woff2: public, max-age=3600",
          ValueType.TEXT,
          "Cache-Control per path pattern: 'patterns: value' rules separated by ';'.");

  public static final ConfigKey APP_BIND =
      key("app.bind", "127.0.0.1", ValueType.ADDRESS, "Address the app instances listen on.");
  public static final ConfigKey APP_PORTS =
      key("app.ports", "8081,8082", ValueType.PORT_LIST, "One app instance per port.");
  public static final ConfigKey APP_POOL_MAX_SIZE =
      key(
          "app.pool.max-size",
          "16",
          ValueType.POSITIVE_INT,
          "Database connections per app instance.");

  public static final ConfigKey APP_POOL_MAX_LIFETIME_MS =
      key(
          "app.pool.max-lifetime-ms",
          "1800000",
          ValueType.POSITIVE_INT,
          "When a database connection is retired and replaced, in ms (at least 30000).");
  public static final ConfigKey APP_POOL_KEEPALIVE_MS =
      key(
          "app.pool.keepalive-ms",
          "120000",
          ValueType.COUNT,
          "How often an idle connection is pinged, in ms; 0 = never.");

  public static final ConfigKey APP_POOL_TIMEOUT_MS =
      key(
          "app.pool.timeout-ms",
          "2000",
          ValueType.POSITIVE_INT,
          "The longest a request waits for a database connection, in ms; then 503.");
  public static final ConfigKey APP_DRAIN_DELAY_MS =
      key(
          "app.drain-delay-ms",
          "2000",
          ValueType.COUNT,
          "On stop, how long an instance's health says 503 before it stops listening, in ms.");

  public static final ConfigKey DB_URL =
      key(
          "db.url",
          "",
          ValueType.JDBC_URL,
          "External MariaDB (jdbc:mariadb://host:3306/foobar); empty = embedded.");
  public static final ConfigKey DB_MIGRATE_ON_START =
      key(
          "db.migrate-on-start",
          "true",
          ValueType.BOOLEAN,
          "Whether foobar run applies pending migrations when the database tier starts.");
  public static final ConfigKey DB_NAME =
      key("db.name", "foobar", ValueType.NAME, "Database (schema) name.");
  public static final ConfigKey DB_APP_USER =
      key("db.app.user", "foobar_app", ValueType.NAME, "User the app tier connects as.");
  public static final ConfigKey DB_APP_PASSWORD =
      key(
          "db.app.password",
          "",
          ValueType.TEXT,
          "Its password; empty = generated on first start into var/secrets/ (embedded only).");
  public static final ConfigKey DB_ADMIN_USER =
      key("db.admin.user", "root", ValueType.NAME, "User that runs migrations on an external db.");
  public static final ConfigKey DB_ADMIN_PASSWORD =
      key("db.admin.password", "", ValueType.TEXT, "Its password (external db only).");
  public static final ConfigKey DB_EMBEDDED_PORT =
      key("db.embedded.port", "3306", ValueType.PORT, "Port of the embedded MariaDB (127.0.0.1).");
  public static final ConfigKey DB_EMBEDDED_DIR =
      key(
          "db.embedded.dir",
          "var/mariadb",
          ValueType.PATH,
          "Embedded MariaDB's binaries (base/) and data (data/).");

  public static final List<ConfigKey> ALL =
      List.of(
          DNS_BIND,
          DNS_PORT,
          DNS_ZONES,
          DNS_TRANSFER_ALLOW,
          DNS_NOTIFY,
          DNS_METRICS,
          DNS_RRL_RATE,
          WEB_BIND,
          WEB_HTTP_PORT,
          WEB_ROOT,
          WEB_HTTPS_PORT,
          WEB_HTTPS_KEYSTORE,
          WEB_HTTPS_KEYSTORE_PASSWORD,
          WEB_HTTPS_REDIRECT,
          WEB_ADMIN,
          WEB_ACCESS_LOG,
          WEB_HEALTH_INTERVAL_MS,
          WEB_PROXY_TIMEOUT_MS,
          WEB_BACKENDS,
          WEB_BALANCE,
          WEB_CANONICAL_HOST,
          WEB_HOST_ALIASES,
          WEB_CACHE_CONTROL,
          APP_BIND,
          APP_PORTS,
          APP_POOL_MAX_SIZE,
          APP_POOL_TIMEOUT_MS,
          APP_POOL_MAX_LIFETIME_MS,
          APP_POOL_KEEPALIVE_MS,
          APP_DRAIN_DELAY_MS,
          DB_URL,
          DB_MIGRATE_ON_START,
          DB_NAME,
          DB_APP_USER,
          DB_APP_PASSWORD,
          DB_ADMIN_USER,
          DB_ADMIN_PASSWORD,
          DB_EMBEDDED_PORT,
          DB_EMBEDDED_DIR);

  static final Map<String, ConfigKey> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));

  private static ConfigKey key(String name, String value, ValueType type, String description) {
    return new ConfigKey(name, value, type, description);
  }
}
