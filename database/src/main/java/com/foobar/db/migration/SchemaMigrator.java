package com.foobar.db.migration;

import com.foobar.db.DatabaseException;
import com.foobar.db.DbConnection;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies versioned SQL migrations with Flyway, as a user allowed to change the schema: the
 * built-in store's ({@code classpath:db/migration}, in the admin connection's database), or a
 * release's own ({@code WEB-INF/classes/db/migration} on disk, in the application's database, with
 * its own schema history there). The application itself never connects as that user.
 */
public final class SchemaMigrator {
  private final DbConnection admin;
  private final String location;
  private final String database; // null: the admin connection's own

  /** The built-in store's migrations, in the database {@code admin} connects to. */
  public SchemaMigrator(DbConnection admin) {
    this(admin, "classpath:db/migration", null);
  }

  private SchemaMigrator(DbConnection admin, String location, String database) {
    this.admin = admin;
    this.location = location;
    this.database = database;
  }

  /**
   * A release's SQL migrations in the directory {@code migrations}, applied to {@code database}
   * (which must exist), its schema history kept there.
   */
  public static SchemaMigrator of(DbConnection admin, String database, Path migrations) {
    return new SchemaMigrator(admin, "filesystem:" + migrations.toAbsolutePath(), database);
  }

  /** Migrates to the newest version; returns "schema at version N (M migrations applied)". */
  public String migrate() {
    Flyway flyway = flyway();
    try {
      MigrateResult result = flyway.migrate();
      MigrationInfo current = flyway.info().current();
      String version = current == null ? "none" : current.getVersion().getVersion();
      return "schema at version "
          + version
          + " ("
          + result.migrationsExecuted
          + (result.migrationsExecuted == 1 ? " migration" : " migrations")
          + " applied)";
    } catch (FlywayException e) {
      throw new DatabaseException("schema migration failed: " + e.getMessage(), e);
    }
  }

  /**
   * Flyway's repair: removes the history's failed migrations (MariaDB cannot roll DDL back, so a
   * failed one is recorded and blocks every later migrate) once the operator has undone what it did
   * half-way, and realigns the checksums of applied ones.
   *
   * @return "N failed migrations removed from the history"
   */
  public String repair() {
    try {
      int removed = flyway().repair().migrationsRemoved.size();
      return removed
          + (removed == 1 ? " failed migration" : " failed migrations")
          + " removed from the history";
    } catch (FlywayException e) {
      throw new DatabaseException("schema repair failed: " + e.getMessage(), e);
    }
  }

  /** One line per migration: version, description, state and when it was applied. */
  public java.util.List<String> info() {
    try {
      java.util.List<String> lines = new java.util.ArrayList<>();
      for (MigrationInfo migration : flyway().info().all()) {
        lines.add(
            String.format(
                "%-4s %-32s %-10s %s",
                migration.getVersion() == null ? "" : migration.getVersion().getVersion(),
                migration.getDescription(),
                migration.getState().getDisplayName(),
                migration.getInstalledOn() == null ? "" : migration.getInstalledOn().toString()));
      }
      return lines;
    } catch (FlywayException e) {
      throw new DatabaseException("cannot read the schema history: " + e.getMessage(), e);
    }
  }

  private Flyway flyway() {
    FluentConfiguration configuration =
        Flyway.configure(SchemaMigrator.class.getClassLoader())
            .dataSource(admin.jdbcUrl(), admin.user(), admin.password())
            .locations(location)
            .cleanDisabled(true)
            .validateMigrationNaming(true);
    if (database != null) {
      // Flyway switches the connection to it (USE) and keeps its history table there.
      configuration.schemas(database).defaultSchema(database).createSchemas(false);
    }
    return configuration.load();
  }
}
