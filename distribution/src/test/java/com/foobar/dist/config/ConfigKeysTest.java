package com.foobar.dist.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The known keys are exactly those the tiers declare, each under its tier's prefix. */
class ConfigKeysTest {

  @Test
  void knowsEveryDeclaredKeyOnceUnderItsTiersPrefix() {
    Map<Class<?>, String> prefixes =
        Map.of(
            DnsKey.class, "dns.", WebKey.class, "web.", AppKey.class, "app.", DbKey.class, "db.");
    int declared = 0;
    for (Map.Entry<Class<?>, String> tier : prefixes.entrySet()) {
      for (Object constant : tier.getKey().getEnumConstants()) {
        ConfigKey key = (ConfigKey) constant;
        assertThat(key.key()).startsWith(tier.getValue());
        assertThat(ConfigKeys.ALL).contains(key);
        declared++;
      }
    }
    assertThat(ConfigKeys.ALL).hasSize(declared).doesNotHaveDuplicates();
    assertThat(ConfigKeys.BY_NAME).hasSize(declared);
    assertThat(ConfigKeys.BY_ENVIRONMENT_NAME).hasSize(declared);
  }

  @Test
  void everyDefaultIsAValueOfItsKeysType() {
    for (ConfigKey key : ConfigKeys.ALL) {
      key.type().check(key.defaultValue()); // throws, naming the value, if not
    }
  }

  @Test
  void saysWhereEachValueCameFrom() {
    FoobarConfig config =
        FoobarConfig.load(
            java.nio.file.Path.of("/nonexistent"),
            Map.of("FOOBAR_DNS_PORT", "5300"),
            Map.of("web.http.port", "8080"));

    assertThat(config.source(DnsKey.PORT)).isEqualTo("environment variable FOOBAR_DNS_PORT");
    assertThat(config.named(WebKey.HTTP_PORT)).isEqualTo("web.http.port (--set web.http.port)");
    assertThat(config.source(DbKey.URL)).isEqualTo("the default");
  }

  @Test
  void readsHostAliasesAsAListOfNames() {
    FoobarConfig config =
        FoobarConfig.load(
            java.nio.file.Path.of("/nonexistent"),
            Map.of(),
            Map.of("web.host-aliases", "foobar.com, foobar.net"));

    assertThat(config.list(WebKey.HOST_ALIASES)).isEqualTo(List.of("foobar.com", "foobar.net"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                FoobarConfig.load(
                    java.nio.file.Path.of("/nonexistent"),
                    Map.of(),
                    Map.of("web.host-aliases", "foobar.com foobar.net")))
        .hasMessage(
            "--set web.host-aliases: web.host-aliases = 'foobar.com foobar.net' is not empty, or a"
                + " comma-separated list of host names");
  }
}
