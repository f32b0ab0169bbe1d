package com.foobar.dist.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoobarConfigTest {
  @TempDir Path home;

  private void writeConfig(String text) throws IOException {
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(home.resolve("conf/foobar.properties"), text);
  }

  @Test
  void usesTheDefaultsWhenThereIsNoFile() {
    FoobarConfig config = FoobarConfig.load(home, Map.of(), Map.of());

    assertThat(config.integer(DnsKey.PORT)).isEqualTo(53);
    assertThat(config.integer(WebKey.HTTP_PORT)).isEqualTo(80);
    assertThat(config.integers(AppKey.PORTS)).containsExactly(8081, 8082);
    assertThat(config.text(DbKey.URL)).isEmpty();
    assertThat(config.path(WebKey.ROOT)).isEqualTo(home.resolve("webroot"));
  }

  @Test
  void commandLineBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
    writeConfig("dns.port = 5301\nweb.http.port = 8001\napp.ports = 9001\n");

    FoobarConfig config =
        FoobarConfig.load(
            home,
            Map.of("FOOBAR_WEB_HTTP_PORT", "8002", "FOOBAR_DNS_PORT", "5302", "PATH", "/bin"),
            Map.of("dns.port", "5303"));

    assertThat(config.integer(DnsKey.PORT)).isEqualTo(5303);
    assertThat(config.integer(WebKey.HTTP_PORT)).isEqualTo(8002);
    assertThat(config.integers(AppKey.PORTS)).containsExactly(9001);
    assertThat(config.text(DbKey.NAME)).isEqualTo("foobar");
  }

  @Test
  void environmentNamesTurnDotsAndDashesIntoUnderscores() {
    FoobarConfig config =
        FoobarConfig.load(home, Map.of("FOOBAR_APP_POOL_MAX_SIZE", "3"), Map.of());

    assertThat(config.integer(AppKey.POOL_MAX_SIZE)).isEqualTo(3);
    assertThat(DbKey.EMBEDDED_PORT.environmentName()).isEqualTo("FOOBAR_DB_EMBEDDED_PORT");
  }

  @Test
  void rejectsAnUnknownKeyInTheFileNamingItsLine() throws IOException {
    writeConfig("# comment\n\ndns.port = 53\ndns.prot = 54\n");

    assertThatThrownBy(() -> FoobarConfig.load(home, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "conf/foobar.properties line 4: unknown configuration key 'dns.prot'"
                + " (known dns.* keys: dns.bind, dns.port, dns.zones, dns.transfer.allow,"
                + " dns.notify, dns.metrics, dns.rrl.rate, dns.secondary.zones,"
                + " dns.secondary.primaries, dns.secondary.dir, dns.health.names,"
                + " dns.health.url, dns.health.interval-ms, dns.health.rise, dns.health.fall,"
                + " dns.health.ttl)");
  }

  @Test
  void rejectsAnUnknownKeyOnTheCommandLine() {
    assertThatThrownBy(() -> FoobarConfig.load(home, Map.of(), Map.of("web.htp.port", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--set web.htp.port: unknown configuration key 'web.htp.port'");
  }

  @Test
  void rejectsAnEnvironmentVariableThatNamesNoKey() {
    assertThatThrownBy(() -> FoobarConfig.load(home, Map.of("FOOBAR_DNS_PROT", "1"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("environment variable FOOBAR_DNS_PROT names no configuration key");
  }

  @Test
  void ignoresTheLauncherOwnVariables() {
    FoobarConfig config =
        FoobarConfig.load(
            home, Map.of("FOOBAR_HOME", "/opt/foobar", "FOOBAR_JAVA_OPTS", "-Xmx1g"), Map.of());

    assertThat(config.integer(DnsKey.PORT)).isEqualTo(53);
  }

  @Test
  void rejectsABadValueInTheFileNamingItsLine() throws IOException {
    writeConfig("dns.port = 70000\n");

    assertThatThrownBy(() -> FoobarConfig.load(home, Map.of(), Map.of()))
        .hasMessage(
            "conf/foobar.properties line 1: dns.port = '70000' is not a port number (0-65535)");
  }

  @Test
  void rejectsBadValuesNamingKeyValueAndSource() {

    assertThatThrownBy(() -> FoobarConfig.load(home, Map.of(), Map.of("app.ports", "8081,eighty")))
        .hasMessage(
            "--set app.ports: app.ports = '8081,eighty' is not a comma-separated list of port"
                + " numbers");
    assertThatThrownBy(() -> FoobarConfig.load(home, Map.of(), Map.of("web.bind", "localhost")))
        .hasMessage(
            "--set web.bind: web.bind = 'localhost' is not an IP address, or * for all addresses");
    assertThatThrownBy(
            () -> FoobarConfig.load(home, Map.of(), Map.of("db.url", "jdbc:postgresql://x/y")))
        .hasMessageContaining("is not empty (embedded MariaDB) or a jdbc:mariadb: URL");
    assertThatThrownBy(() -> FoobarConfig.load(home, Map.of(), Map.of("app.pool.max-size", "0")))
        .hasMessageContaining("is not a whole number of 1 or more");
    assertThatThrownBy(() -> FoobarConfig.load(home, Map.of(), Map.of("web.balance", "random")))
        .hasMessage("--set web.balance: web.balance = 'random' is not round-robin or least-busy");
  }

  @Test
  void takesBackendUrlsAndSaysWhatIsWrongWithABadOne() {
    FoobarConfig config =
        FoobarConfig.load(
            home, Map.of(), Map.of("web.backends", "http://10.0.0.5:8081, http://10.0.0.6:8081"));
    assertThat(config.text(WebKey.BACKENDS))
        .isEqualTo("http://10.0.0.5:8081, http://10.0.0.6:8081");
    assertThat(FoobarConfig.load(home, Map.of(), Map.of()).text(WebKey.BACKENDS)).isEmpty();

    assertThatThrownBy(
            () -> FoobarConfig.load(home, Map.of(), Map.of("web.backends", "10.0.0.5:8081")))
        .hasMessage(
            "--set web.backends: web.backends = '10.0.0.5:8081' is not empty (the app instances"
                + " on app.bind and app.ports), or http://host:port [weight=N] [backup], ..."
                + " (backend '10.0.0.5:8081' must be http://host:port)");
  }

  @Test
  void takesTransferAclsAsAddressesAndPrefixes() {
    FoobarConfig config =
        FoobarConfig.load(
            home, Map.of(), Map.of("dns.transfer.allow", "192.0.2.53, 10.0.0.0/8, 2001:db8::/64"));

    assertThat(config.list(DnsKey.TRANSFER_ALLOW))
        .containsExactly("192.0.2.53", "10.0.0.0/8", "2001:db8::/64");
    assertThat(FoobarConfig.load(home, Map.of(), Map.of()).list(DnsKey.TRANSFER_ALLOW)).isEmpty();
    assertThatThrownBy(
            () -> FoobarConfig.load(home, Map.of(), Map.of("dns.transfer.allow", "secondary.net")))
        .hasMessageContaining("is not empty, or a comma-separated list of IP addresses or CIDR");
  }

  @Test
  void takesNotifyTargetsWithOptionalPorts() {
    FoobarConfig config =
        FoobarConfig.load(home, Map.of(), Map.of("dns.notify", "192.0.2.53, ::1@5300"));

    assertThat(config.list(DnsKey.NOTIFY)).containsExactly("192.0.2.53", "::1@5300");
    assertThatThrownBy(() -> FoobarConfig.load(home, Map.of(), Map.of("dns.notify", "10.0.0.1@0")))
        .hasMessageContaining("is not empty, or a comma-separated list of IP addresses, each");
  }

  @Test
  void acceptsAddressListsOfBothFamilies() {
    FoobarConfig config = FoobarConfig.load(home, Map.of(), Map.of("dns.bind", "127.0.0.1, ::1"));

    assertThat(config.list(DnsKey.BIND)).containsExactly("127.0.0.1", "::1");
  }
}
