package com.foobar.db.migration;

import com.foobar.db.DatabaseException;
import com.foobar.db.DbConnection;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the versioned SQL migrations of {@code db/migration} with Flyway, as a user allowed to
 * change the schema. The application itself never connects as that user.
 */
public final class SchemaMigrator {
  private final DbConnection admin;

  public SchemaMigrator(DbConnection admin) {
    this.admin = admin;
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
    return Flyway.configure(SchemaMigrator.class.getClassLoader())
        .dataSource(admin.jdbcUrl(), admin.user(), admin.password())
        .locations("classpath:db/migration")
        .cleanDisabled(true)
        .validateMigrationNaming(true)
        .load();
  }
}
