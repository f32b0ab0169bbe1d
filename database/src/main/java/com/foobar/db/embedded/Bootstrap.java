package com.foobar.db.embedded;

import com.foobar.db.DatabaseException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates the application's database and user on the embedded server, over JDBC (the bundled
 * command-line client fails when TLS is off). Runs at every start and converges: a changed password
 * is applied, anonymous accounts and the test database are removed.
 */
public final class Bootstrap {
  // Names go into DDL, where they cannot be bound as parameters: allow only plain names.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final Pattern HOST_PATTERN = Pattern.compile("[A-Za-z0-9.%_:-]{1,255}");

  /** ER_NONEXISTING_GRANT: nothing schema-wide to revoke, the normal case. */
  private static final int NO_SUCH_GRANT = 1141;

  private Bootstrap() {}

  /**
   * Creates the database and the application user: an account at each of {@code appHosts} (MariaDB
   * host patterns such as {@code 127.0.0.1} or {@code 10.0.0.%}) with {@code appPassword}; the
   * user's accounts at hosts no longer listed are dropped, so the list is the whole truth.
   */
  public static void run(
      EmbeddedMariaDb server,
      String databaseName,
      String appUser,
      String appPassword,
      List<String> appHosts) {
    requireName("database name", databaseName);
    requireName("application user", appUser);
    if (appHosts.isEmpty()) {
      throw new DatabaseException("the application user needs at least one host to connect from");
    }
    appHosts.forEach(Bootstrap::requireHostPattern);
    try (Connection admin =
            DriverManager.getConnection(server.adminUrl(), server.adminUser(), null);
        Statement sql = admin.createStatement()) {
      sql.execute(
          "CREATE DATABASE IF NOT EXISTS `"
              + databaseName
              + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
      for (String host : accountHosts(admin, appUser)) {
        // MariaDB keeps host names in lower case and compares them so.
        if (appHosts.stream().noneMatch(host::equalsIgnoreCase)) {
          sql.execute("DROP USER '" + appUser + "'@'" + host + "'");
        }
      }
      for (String host : appHosts) {
        String account = "'" + appUser + "'@'" + host + "'";
        String password = quote(appPassword);
        sql.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + password);
        sql.execute("ALTER USER " + account + " IDENTIFIED BY " + password);
        // Earlier versions granted on the whole schema, which takes in Flyway's history table:
        // take that back; grantTables gives rows of the application's own tables only.
        revokeSchemaWide(sql, databaseName, account);
      }
      // mariadb-install-db leaves anonymous accounts and a world-writable test schema.
      sql.execute("DROP USER IF EXISTS ''@'localhost'");
      sql.execute("DROP USER IF EXISTS ''@'" + hostName(sql) + "'");
      sql.execute("DROP DATABASE IF EXISTS test");
    } catch (SQLException e) {
      throw new DatabaseException(
          "cannot create database '"
              + databaseName
              + "' and user '"
              + appUser
              + "' on the"
              + " embedded MariaDB: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Gives the application user SELECT, INSERT, UPDATE and DELETE on each of the application's
   * tables, by name, at every host it has an account for: never DDL, never Flyway's history. Runs
   * after every migration (a new table gets its grant) and at every start (converges).
   */
  public static void grantTables(EmbeddedMariaDb server, String databaseName, String appUser) {
    try (Connection admin =
        DriverManager.getConnection(server.adminUrl(), server.adminUser(), null)) {
      grantTables(admin, databaseName, appUser);
    } catch (SQLException e) {
      throw new DatabaseException(
          "cannot grant the application user '" + appUser + "' its tables: " + e.getMessage(), e);
    }
  }

  /** {@link #grantTables(EmbeddedMariaDb, String, String)} over a schema owner's connection. */
  public static void grantTables(Connection admin, String databaseName, String appUser) {
    requireName("database name", databaseName);
    requireName("application user", appUser);
    try (Statement sql = admin.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (PreparedStatement query =
          admin.prepareStatement(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                  + " AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'")) {
        query.setString(1, databaseName);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            tables.add(rows.getString(1));
          }
        }
      }
      List<String> hosts = accountHosts(admin, appUser);
      for (String table : tables) {
        requireName("table", table);
        for (String host : hosts) {
          sql.execute(
              "GRANT SELECT, INSERT, UPDATE, DELETE ON `"
                  + databaseName
                  + "`.`"
                  + table
                  + "` TO '"
                  + appUser
                  + "'@'"
                  + host
                  + "'");
        }
      }
    } catch (SQLException e) {
      throw new DatabaseException(
          "cannot grant the application user '" + appUser + "' its tables: " + e.getMessage(), e);
    }
  }

  private static void revokeSchemaWide(Statement sql, String databaseName, String account)
      throws SQLException {
    try {
      sql.execute("REVOKE ALL PRIVILEGES ON `" + databaseName + "`.* FROM " + account);
    } catch (SQLException e) {
      if (e.getErrorCode() != NO_SUCH_GRANT) {
        throw e;
      }
    }
  }

  /** The hosts {@code user} has an account at. */
  private static List<String> accountHosts(Connection admin, String user) throws SQLException {
    List<String> hosts = new ArrayList<>();
    try (PreparedStatement query =
        admin.prepareStatement("SELECT Host FROM mysql.user WHERE User = ? ORDER BY Host")) {
      query.setString(1, user);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          hosts.add(rows.getString(1));
        }
      }
    }
    return hosts;
  }

  /** A MariaDB account host as it goes into DDL: a name, an address, or a pattern with % or _. */
  private static void requireHostPattern(String host) {
    if (host == null || !HOST_PATTERN.matcher(host).matches()) {
      throw new DatabaseException(
          "application user host '"
              + host
              + "' must be a host name, an address or a pattern such as 10.0.0.%");
    }
  }

  private static String hostName(Statement sql) throws SQLException {
    try (var result = sql.executeQuery("SELECT @@hostname")) {
      result.next();
      return result.getString(1).replace("'", "");
    }
  }

  /** A string literal for DDL, where a password cannot be a bound parameter. */
  private static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  /** Refuses a name that could not go into DDL as is (quoted with backticks). */
  public static void requireName(String what, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new DatabaseException(what + " '" + value + "' must be 1-64 letters, digits or _");
    }
  }
}
