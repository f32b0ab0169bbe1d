package com.foobar.db.migration;

import com.foobar.db.DatabaseException;
import com.foobar.db.DbConnection;
import com.foobar.db.embedded.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database of an application deployed as a release, made ready before any instance runs it: a
 * database of its own on the server (created on first use, utf8mb4), its Flyway migrations applied
 * there with their own schema history, so that an application numbers them from V1 like any Flyway
 * project whatever ran on the server before, and on the embedded server the application user
 * granted the rows of its tables (never DDL, never the history).
 */
public final class ApplicationSchema {
  private final DbConnection admin;
  private final boolean grantRows;

  /**
   * @param admin the schema owner, connected to any database of the server
   * @param grantRows whether to grant the application user its tables (the embedded server, where
   *     the stack owns the accounts; on an external one the operator grants them)
   */
  public ApplicationSchema(DbConnection admin, boolean grantRows) {
    this.admin = admin;
    this.grantRows = grantRows;
  }

  /**
   * Creates {@code database} if missing, applies the SQL migrations in {@code migrations} (none
   * when the directory does not exist) and grants {@code appUser} its tables.
   *
   * @return "schema at version N (M migrations applied)", or "no migrations"
   * @throws DatabaseException with Flyway's or the server's message; an applied migration stays
   *     applied, a failed one is rolled back where MariaDB can (DML; DDL commits itself)
   */
  public String prepare(String database, Path migrations, String appUser) {
    Bootstrap.requireName("database name", database);
    try (Connection connection =
        DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
      if (!exists(connection, database)) {
        try (Statement sql = connection.createStatement()) {
          sql.execute(
              "CREATE DATABASE `"
                  + database
                  + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
      }
      String summary =
          Files.isDirectory(migrations)
              ? SchemaMigrator.of(admin, database, migrations).migrate()
              : "no migrations";
      if (grantRows) {
        Bootstrap.grantTables(connection, database, appUser);
      }
      return summary;
    } catch (SQLException e) {
      throw new DatabaseException(
          "cannot create the application's database '" + database + "': " + e.getMessage(), e);
    }
  }

  private static boolean exists(Connection connection, String database) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
      query.setString(1, database);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }
}
