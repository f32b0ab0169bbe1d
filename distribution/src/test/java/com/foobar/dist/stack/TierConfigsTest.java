package com.foobar.dist.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.app.AppConfig;
import com.foobar.db.DatabaseConfig;
import com.foobar.db.DbConnection;
import com.foobar.db.PoolSettings;
import com.foobar.dist.config.ConfigException;
import com.foobar.dist.config.FoobarConfig;
import com.foobar.dns.DnsConfig;
import com.foobar.dns.health.HealthChecks;
import com.foobar.web.WebConfig;
import com.foobar.web.proxy.AppRoutes;
import com.foobar.web.proxy.BackendSpec;
import com.foobar.web.proxy.Balance;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key reaches its field of a tier's record; combinations that cannot work are refused. */
class TierConfigsTest {
  private static final Path HOME = Path.of("/opt/foobar");
  private static final Secrets SECRETS = name -> "generated-" + name;
  private static final DbConnection DATABASE = new DbConnection("jdbc:mariadb://x/y", "u", "p");

  private static TierConfigs tiers(Map<String, String> overrides) {
    return TierConfigs.of(FoobarConfig.load(HOME, Map.of(), overrides));
  }

  private static Map<String, String> keys(String... keyValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  @Test
  void mapsEveryDnsKey() {
    DnsConfig dns =
        tiers(
                keys(
                    "dns.bind", "127.0.0.2, ::1",
                    "dns.port", "5353",
                    "dns.zones", "zones-elsewhere",
                    "dns.transfer.allow", "192.0.2.0/24",
                    "dns.notify", "192.0.2.53@5300",
                    "dns.metrics", "[::1]:9154",
                    "dns.rrl.rate", "20",
                    "dns.secondary.zones", "example.org, example.net",
                    "dns.secondary.primaries", "192.0.2.10, 192.0.2.11@5300",
                    "dns.secondary.dir", "copies",
                    "dns.health.names", "www.foobar.com",
                    "dns.health.url", "http://{address}:8080/_foobar/health",
                    "dns.health.interval-ms", "750",
                    "dns.health.rise", "4",
                    "dns.health.fall", "5",
                    "dns.health.ttl", "10"))
            .dns();

    assertThat(dns.bindAddresses()).containsExactly("127.0.0.2", "::1");
    assertThat(dns.port()).isEqualTo(5353);
    assertThat(dns.zoneDirectory()).isEqualTo(HOME.resolve("zones-elsewhere"));
    assertThat(dns.transferAllow()).containsExactly("192.0.2.0/24");
    assertThat(dns.notifyTargets()).containsExactly("192.0.2.53@5300");
    assertThat(dns.metricsAddress()).isEqualTo(new InetSocketAddress("::1", 9154));
    assertThat(dns.rateLimit()).isEqualTo(20);
    assertThat(dns.secondaryZones()).containsExactly("example.org", "example.net");
    assertThat(dns.primaries()).containsExactly("192.0.2.10", "192.0.2.11@5300");
    assertThat(dns.secondaryDirectory()).isEqualTo(HOME.resolve("copies"));
    assertThat(dns.healthChecks())
        .isEqualTo(
            new HealthChecks(
                List.of("www.foobar.com"),
                "http://{address}:8080/_foobar/health",
                java.time.Duration.ofMillis(750),
                4,
                5,
                10));
    assertThat(tiers(keys()).dns().healthChecks()).isNull();
  }

  @Test
  void refusesSecondaryZonesWithoutPrimariesNamingBothKeys() {
    assertThatThrownBy(() -> tiers(keys("dns.secondary.zones", "example.org")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("dns.secondary.primaries")
        .hasMessageContaining("must name the primaries when dns.secondary.zones");
  }

  @Test
  void anEmptyMetricsAddressTurnsTheEndpointOff() {
    assertThat(tiers(keys("dns.metrics", "")).dns().metricsAddress()).isNull();
    assertThat(tiers(keys("web.admin", "")).admin()).isNull();
  }

  @Test
  void mapsEveryWebKey() {
    TierConfigs tiers =
        tiers(
            keys(
                "web.bind", "127.0.0.3",
                "web.http.port", "8080",
                "web.root", "/srv/site",
                "web.https.port", "8443",
                "web.https.keystore", "conf/site.p12",
                "web.https.keystore-password", "s3cret",
                "web.https.redirect", "true",
                "web.admin", "127.0.0.4:9181",
                "web.access-log", "false",
                "web.health.interval-ms", "250",
                "web.proxy.timeout-ms", "4000",
                "web.balance", "least-busy",
                "web.app-routes", "fallback",
                "web.canonical-host", "www.example.org",
                "web.host-aliases", "example.org, example.net",
                "web.cache-control", "*.css: max-age=60",
                "dns.metrics", "127.0.0.5:9155",
                "dns.bind", "127.0.0.6",
                "dns.port", "5300",
                "db.embedded.port", "3307"));
    List<BackendSpec> backends = List.of(BackendSpec.of(URI.create("http://127.0.0.1:9001")));

    WebConfig web = tiers.web(backends, SECRETS);

    assertThat(web.bindHost()).isEqualTo("127.0.0.3");
    assertThat(web.httpPort()).isEqualTo(8080);
    assertThat(web.webRoot()).isEqualTo(Path.of("/srv/site"));
    assertThat(web.backends()).isEqualTo(backends);
    assertThat(web.healthCheckInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(web.proxyTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(web.canonicalHost()).isEqualTo("www.example.org");
    assertThat(web.hostAliases()).containsExactly("example.org", "example.net");
    assertThat(web.cacheRules()).isEqualTo("*.css: max-age=60");
    assertThat(web.accessLog()).isFalse();
    assertThat(web.balance()).isEqualTo(Balance.LEAST_BUSY);
    assertThat(web.appRoutes()).isEqualTo(AppRoutes.FALLBACK);
    assertThat(web.tls().port()).isEqualTo(8443);
    assertThat(web.tls().keystore()).isEqualTo(HOME.resolve("conf/site.p12"));
    assertThat(web.tls().password()).isEqualTo("s3cret");
    assertThat(web.tls().selfSignedNames()).isEmpty();
    assertThat(web.tls().redirect()).isTrue();
    assertThat(web.admin().bindHost()).isEqualTo("127.0.0.4");
    assertThat(web.admin().port()).isEqualTo(9181);
    assertThat(web.admin().dnsMetrics()).isEqualTo(URI.create("http://127.0.0.5:9155/metrics"));
    assertThat(web.admin().dnsAddress()).isEqualTo("127.0.0.6 port 5300");
    assertThat(web.admin().databaseAddress()).isEqualTo("127.0.0.1:3307");
  }

  @Test
  void withoutAKeystoreMakesASelfSignedOneForTheSiteNamesWithAGeneratedPassword() {
    WebConfig web =
        tiers(keys("web.host-aliases", "foobar.com,foobar.net")).web(List.of(), SECRETS);

    assertThat(web.tls().keystore()).isEqualTo(HOME.resolve("var/tls/keystore.p12"));
    assertThat(web.tls().password()).isEqualTo("generated-keystore.password");
    assertThat(web.tls().selfSignedNames())
        .containsExactly("www.foobar.com", "foobar.com", "foobar.net", "localhost", "127.0.0.1");
  }

  @Test
  void theWebTierBalancesOverTheLocalAppsUnlessBackendsAreListed() {
    List<URI> local = List.of(URI.create("http://127.0.0.1:8081"));

    assertThat(tiers(Map.of()).backends(local))
        .containsExactly(
            BackendSpec.of(local.get(0)).withUnixSocket(HOME.resolve("var/run/app-8081.sock")));
    assertThat(tiers(keys("web.backends", "http://10.0.0.5:8081 weight=3 backup")).backends(local))
        .as("listed instances are reached over TCP, wherever they are")
        .containsExactly(new BackendSpec(URI.create("http://10.0.0.5:8081"), 3, true));
  }

  @Test
  void eachLocalInstanceAndTheWebTierAgreeOnItsUnixSocket() {
    TierConfigs tiers = tiers(Map.of());
    Path socket = HOME.resolve("var/run/app-8082.sock");
    assertThat(tiers.app(8082, DATABASE, false, null).unixSocket()).isEqualTo(socket);
    assertThat(tiers.backends(List.of(URI.create("http://127.0.0.1:8082"))).get(0).unixSocket())
        .isEqualTo(socket);

    assertThat(tiers(keys("app.unix-socket", "false")).app(8082, DATABASE, false, null))
        .extracting(AppConfig::unixSocket)
        .isNull();
    // A port picked at start: the web tier learns the bound port, which no socket is named after.
    TierConfigs picked = tiers(keys("app.ports", "0"));
    assertThat(picked.app(0, DATABASE, false, null).unixSocket()).isNull();
    assertThat(picked.backends(List.of(URI.create("http://127.0.0.1:41234"))).get(0).unixSocket())
        .isNull();
  }

  @Test
  void usesTheSocketUpTo106BytesWhichTheJdkStillBindsAndTcpBeyond() {
    String socket = "/var/run/app-8081.sock";
    Path fits = Path.of("/" + "f".repeat(106 - socket.length() - 1));
    Path over = Path.of("/" + "o".repeat(107 - socket.length() - 1));
    TierConfigs deepEnough = TierConfigs.of(FoobarConfig.load(fits, Map.of(), Map.of()));
    TierConfigs tooDeep = TierConfigs.of(FoobarConfig.load(over, Map.of(), Map.of()));

    assertThat(deepEnough.appSocket(8081)).hasToString(fits + socket);
    assertThat(tooDeep.appSocket(8081)).isNull();
    // Both sides fall back together: the instance listens on TCP only, the web tier uses TCP.
    assertThat(tooDeep.app(8081, DATABASE, false, null).unixSocket()).isNull();
    assertThat(tooDeep.backends(List.of(URI.create("http://127.0.0.1:8081"))).get(0).unixSocket())
        .isNull();
  }

  @Test
  void mapsEveryAppKey() {
    TierConfigs tiers =
        tiers(
            keys(
                "app.bind", "::1",
                "app.ports", "9001, 9002",
                "app.pool.max-size", "5",
                "app.pool.timeout-ms", "700",
                "app.pool.max-lifetime-ms", "60000",
                "app.pool.keepalive-ms", "40000",
                "app.drain-delay-ms", "1500"));

    assertThat(tiers.appPorts()).containsExactly(9001, 9002);
    assertThat(tiers.appUri(9001)).isEqualTo(URI.create("http://[::1]:9001"));
    AppConfig app = tiers.app(9001, DATABASE, true, null);
    assertThat(app.bindHost()).isEqualTo("::1");
    assertThat(app.port()).isEqualTo(9001);
    assertThat(app.database()).isEqualTo(DATABASE);
    assertThat(app.pool())
        .isEqualTo(
            new PoolSettings(
                5, Duration.ofMillis(700), Duration.ofSeconds(60), Duration.ofSeconds(40)));
    assertThat(app.drainDelay()).isEqualTo(Duration.ofMillis(1500));
    assertThat(tiers.app(9001, DATABASE, false, null).drainDelay()).isZero();
  }

  @Test
  void reachesAppsOnAWildcardBindThroughLoopback() {
    for (String wildcard : List.of("*", "0.0.0.0", "::")) {
      assertThat(tiers(keys("app.bind", wildcard)).appUri(8081))
          .isEqualTo(URI.create("http://127.0.0.1:8081"));
    }
  }

  @Test
  void mapsEveryDatabaseKey() {
    DatabaseConfig db =
        tiers(
                keys(
                    "db.embedded.dir", "data/mariadb",
                    "db.embedded.port", "3307",
                    "db.name", "shop",
                    "db.app.user", "shop_app",
                    "db.app.password", "app-pw",
                    "db.admin.user", "admin",
                    "db.admin.password", "admin-pw"))
            .database(SECRETS);

    assertThat(db.url()).isEmpty();
    assertThat(db.dataDirectory()).isEqualTo(HOME.resolve("data/mariadb/data"));
    assertThat(db.baseDirectory()).isEqualTo(HOME.resolve("data/mariadb/base"));
    assertThat(db.embeddedPort()).isEqualTo(3307);
    assertThat(db.databaseName()).isEqualTo("shop");
    assertThat(db.appUser()).isEqualTo("shop_app");
    assertThat(db.appPassword()).isEqualTo("app-pw");
    assertThat(db.adminUser()).isEqualTo("admin");
    assertThat(db.adminPassword()).isEqualTo("admin-pw");
  }

  @Test
  void theEmbeddedDatabaseGetsAGeneratedAppPassword() {
    assertThat(tiers(Map.of()).database(SECRETS).appPassword())
        .isEqualTo("generated-db-app.password");
  }

  @Test
  void labelsAnExternalDatabaseByItsHosts() {
    TierConfigs tiers =
        tiers(
            keys(
                "db.url", "jdbc:mariadb:replication://db1.example,db2.example:3307/foobar",
                "db.app.password", "pw"));

    assertThat(tiers.database(SECRETS).url())
        .isEqualTo("jdbc:mariadb:replication://db1.example,db2.example:3307/foobar");
    assertThat(tiers.databaseLabel()).isEqualTo("db1.example:3306,db2.example:3307");
  }

  @Test
  void refusesAnExternalDatabaseWithoutAnAppPasswordNamingBothKeys() {
    assertThatThrownBy(() -> tiers(keys("db.url", "jdbc:mariadb://db.example/foobar")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "db.app.password (the default) must be set when db.url (--set db.url) names an"
                + " external MariaDB");
  }

  @Test
  void refusesAKeystoreWithoutItsPasswordNamingBothKeys() {
    assertThatThrownBy(() -> tiers(keys("web.https.keystore", "conf/site.p12")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "web.https.keystore-password (the default) must be set when web.https.keystore"
                + " (--set web.https.keystore) is");
  }

  @Test
  void managesCertificatesOnlyWithTheTermsAgreedAndNoKeystoreOfItsOwn() {
    String directory = "https://acme-staging-v02.api.letsencrypt.org/directory";
    assertThat(tiers(keys()).managesCertificates()).isFalse();
    assertThat(
            tiers(keys("web.https.acme.directory", directory, "web.https.acme.agree-terms", "true"))
                .managesCertificates())
        .isTrue();
    assertThatThrownBy(() -> tiers(keys("web.https.acme.directory", directory)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "web.https.acme.agree-terms (the default) must be true to use web.https.acme.directory");
    assertThatThrownBy(
            () ->
                tiers(
                    keys(
                        "web.https.acme.directory",
                        directory,
                        "web.https.acme.agree-terms",
                        "true",
                        "web.https.keystore",
                        "conf/site.p12",
                        "web.https.keystore-password",
                        "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("are both set: the CA's certificates would replace your keystore");
    assertThatThrownBy(
            () ->
                tiers(
                    keys(
                        "web.https.acme.directory",
                        directory,
                        "web.https.acme.agree-terms",
                        "true",
                        "web.canonical-host",
                        "",
                        "web.host-aliases",
                        "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no names to ask a certificate for");
    assertThatThrownBy(() -> tiers(keys("web.https.acme.directory", "http://ca.example/dir")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("web.https.acme.directory");
  }

  @Test
  void refusesPoolSettingsThatDoNotFitTogether() {
    assertThatThrownBy(() -> tiers(keys("app.pool.keepalive-ms", "1000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("app.pool.*: ");
  }

  @Test
  void refusesWhatTheDnsTierWouldRefuseInItsOwnWords() {
    assertThatThrownBy(() -> tiers(keys("dns.transfer.allow", "10.0.0.0/33")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("dns: ")
        .hasMessageContaining("10.0.0.0/33");
  }

  @Test
  void theCommandsThatFindWhatRunsDoNotCheckCombinations() {
    FoobarConfig config =
        FoobarConfig.load(HOME, Map.of(), keys("db.url", "jdbc:mariadb://db.example/foobar"));

    assertThat(TierConfigs.unchecked(config).appPorts()).containsExactly(8081, 8082);
  }
}
