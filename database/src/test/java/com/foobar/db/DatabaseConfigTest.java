package com.foobar.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {
  private static final Path DATA = Path.of("data");
  private static final Path BASE = Path.of("base");

  @Test
  void embeddedDefaultsToAFreePortAndTheFoobarNames() {
    DatabaseConfig config = DatabaseConfig.embedded(DATA, BASE);

    assertThat(config)
        .isEqualTo(
            new DatabaseConfig(
                "",
                DATA,
                BASE,
                0,
                "foobar",
                "foobar_app",
                "",
                "root",
                "",
                0,
                "127.0.0.1",
                false,
                10_000,
                List.of("127.0.0.1", "localhost")));
    assertThat(config.embedded()).isTrue();
  }

  @Test
  void externalHasNoEmbeddedDirectories() {
    DatabaseConfig config = DatabaseConfig.external("jdbc:mariadb://db:3306/foobar");

    assertThat(config)
        .isEqualTo(
            new DatabaseConfig(
                "jdbc:mariadb://db:3306/foobar",
                null,
                null,
                0,
                "foobar",
                "foobar_app",
                "",
                "root",
                "",
                0,
                "127.0.0.1",
                false,
                10_000,
                List.of("127.0.0.1", "localhost")));
    assertThat(config.embedded()).isFalse();
  }

  @Test
  void eachWitherChangesItsOwnFieldOnly() {
    DatabaseConfig config =
        DatabaseConfig.embedded(DATA, BASE)
            .withUrl("jdbc:mariadb://db/shop")
            .withDataDirectory(Path.of("d2"))
            .withBaseDirectory(Path.of("b2"))
            .withEmbeddedPort(3307)
            .withDatabaseName("shop")
            .withAppUser("shop_app")
            .withAppPassword("app-secret")
            .withAdminUser("shop_admin")
            .withAdminPassword("admin-secret")
            .withServerId(2)
            .withEmbeddedBind("127.0.0.1,10.0.0.5")
            .withSemiSync(true)
            .withSemiSyncTimeoutMs(1500)
            .withAppHosts(List.of("127.0.0.1", "10.0.0.%"));

    assertThat(config)
        .isEqualTo(
            new DatabaseConfig(
                "jdbc:mariadb://db/shop",
                Path.of("d2"),
                Path.of("b2"),
                3307,
                "shop",
                "shop_app",
                "app-secret",
                "shop_admin",
                "admin-secret",
                2,
                "127.0.0.1,10.0.0.5",
                true,
                1500,
                List.of("127.0.0.1", "10.0.0.%")));
  }

  @Test
  void toStringLeavesThePasswordsOut() {
    DatabaseConfig config =
        DatabaseConfig.external("jdbc:mariadb://db/foobar")
            .withAppPassword("app-secret")
            .withAdminPassword("admin-secret");

    assertThat(config.toString())
        .contains("appUser=foobar_app", "adminUser=root")
        .doesNotContain("app-secret", "admin-secret");
  }

  @Test
  void anotherDatabaseOnTheSameServerKeepsTheHostsAndTheUrlsOptions() {
    assertThat(DatabaseConfig.embedded(DATA, BASE).forDatabase("foobar_hello"))
        .isEqualTo(
            new DatabaseConfig(
                "",
                DATA,
                BASE,
                0,
                "foobar_hello",
                "foobar_app",
                "",
                "root",
                "",
                0,
                "127.0.0.1",
                false,
                10_000,
                List.of("127.0.0.1", "localhost")));
    assertThat(
            DatabaseConfig.external("jdbc:mariadb:replication://a:3306,b/foobar?useSsl=true")
                .forDatabase("foobar_hello")
                .url())
        .isEqualTo("jdbc:mariadb:replication://a:3306,b/foobar_hello?useSsl=true");
    assertThat(DatabaseConfig.external("jdbc:mariadb://db").forDatabase("foobar_hello").url())
        .isEqualTo("jdbc:mariadb://db/foobar_hello");
  }
}
