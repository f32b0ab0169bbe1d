package com.foobar.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One embedded MariaDB per test JVM, shared by every test class of a module: started on first use,
 * migrated, stopped when the JVM exits. Its data lives under the module's target/ and the unpacked
 * binaries in a shared directory, so modules and runs reuse them.
 */
public final class EmbeddedDatabaseFixture {
  public static final String DATABASE = "foobar";
  public static final String APP_USER = "foobar_app";
  private static final String APP_PASSWORD = "test-only-password";
  private static final Path BASE =
      Path.of(
          System.getProperty(
              "foobar.test.mariadb.base",
              System.getProperty("java.io.tmpdir") + "/foobar-mariadb-11.4.5"));

  private static Database database;

  private EmbeddedDatabaseFixture() {}

  /** The shared, started and migrated database. */
  public static synchronized Database database() {
    if (database == null) {
      Database started = new Database(config(Path.of("target/embedded-mariadb")));
      started.start();
      started.migrate();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-mariadb-stop"));
      database = started;
    }
    return database;
  }

  /** A configuration for an embedded database whose data lives in {@code directory}. */
  public static DatabaseConfig config(Path directory) {
    Path absolute = directory.toAbsolutePath();
    return DatabaseConfig.embedded(absolute.resolve("data"), BASE)
        .withDatabaseName(DATABASE)
        .withAppUser(APP_USER)
        .withAppPassword(APP_PASSWORD);
  }

  /** The application user's connection, as the app tier gets it. */
  public static DbConnection appConnection() {
    return database().appConnection();
  }

  /** The schema owner's connection, for test set-up and for checking rows. */
  public static DbConnection adminConnection() {
    return database().adminConnection();
  }

  public static Connection openAdmin() throws SQLException {
    DbConnection admin = adminConnection();
    return DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
  }

  /** Back to the state right after migration: no orders, the seeded products and stock. */
  public static void resetData() {
    try (Connection connection = openAdmin()) {
      resetData(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reset the test data", e);
    }
  }

  /**
   * The same for the database {@code connection} is to (a test's own server, for instance); the
   * application user's rights are enough.
   */
  public static void resetData(Connection connection) throws SQLException {
    try (Statement sql = connection.createStatement()) {
      sql.execute("DELETE FROM idempotency_keys");
      sql.execute("DELETE FROM orders");
      sql.execute("DELETE FROM products");
      sql.execute(seedSql());
    }
  }

  /** The seed migration itself, so the reset cannot drift from what production starts with. */
  private static String seedSql() {
    try (InputStream in =
        EmbeddedDatabaseFixture.class.getResourceAsStream("/db/migration/V3__seed_products.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
