package com.foobar.dist.db;

import com.foobar.db.DatabaseConfig;
import com.foobar.db.migration.ApplicationSchema;
import com.foobar.dist.Foobar;
import com.foobar.dist.release.Release;
import com.foobar.dist.stack.Secrets;
import com.foobar.dist.stack.TierConfigs;

/**
 * A release's database, made ready by {@code foobar deploy} before any instance switches: its own
 * database on the stack's server ({@link Release#database}), its SQL migrations ({@code
 * WEB-INF/classes/db/migration}) applied once, as the schema owner, from this one place.
 */
public final class ReleaseSchema {
  static final String MIGRATIONS = "WEB-INF/classes/db/migration";

  private ReleaseSchema() {}

  /**
   * @return e.g. {@code foobar_shop: schema at version 2 (1 migration applied)}
   * @throws com.foobar.db.DatabaseException with Flyway's or the server's message
   */
  public static String prepare(TierConfigs tiers, Release release) {
    DatabaseConfig config = tiers.database(Secrets.of(Foobar.home()));
    String database = release.database(config.databaseName());
    try (DatabaseSession session = DatabaseSession.open(config)) {
      // On the embedded server the stack owns the accounts and grants the tables; on an external
      // one the operator does, as for the store.
      ApplicationSchema schema = new ApplicationSchema(session.admin(), config.embedded());
      return database
          + ": "
          + schema.prepare(database, release.webApp().resolve(MIGRATIONS), config.appUser());
    }
  }
}
