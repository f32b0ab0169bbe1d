package com.foobar.db;

import com.foobar.db.embedded.Bootstrap;
import com.foobar.db.embedded.EmbeddedMariaDb;
import com.foobar.db.embedded.ServerOptions;
import com.foobar.db.migration.SchemaMigrator;
import com.foobar.db.replication.Replication;
import com.foobar.db.replication.ReplicationMetrics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The database tier: the embedded MariaDB (when no URL is configured) or an external one, the
 * schema migrations, and the connection settings the application tier uses.
 *
 * <pre>{@code
 * try (Database database = new Database(config)) {
 *   database.start();
 *   database.migrate();
 *   DbConnection app = database.appConnection();
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {
  private final DatabaseConfig config;
  private EmbeddedMariaDb embedded;

  public Database(DatabaseConfig config) {
    this.config = config;
  }

  /**
   * Embedded: starts MariaDB on 127.0.0.1 (unpacking its binaries on first use) and creates the
   * database and the application user. External: checks that the admin user can connect.
   *
   * @throws DatabaseException naming what failed
   */
  public synchronized void start() {
    if (config.embedded()) {
      if (embedded != null) {
        return;
      }
      EmbeddedMariaDb server =
          new EmbeddedMariaDb(
              config.baseDirectory(),
              config.dataDirectory(),
              config.embeddedPort(),
              new ServerOptions(
                  config.embeddedBind(),
                  config.serverId(),
                  config.semiSync(),
                  config.semiSyncTimeoutMs()));
      server.start();
      embedded = server;
      if (server.isReplica()) {
        return; // its databases, users and schema are the primary's, replicated; no writes here
      }
      Bootstrap.run(
          server, config.databaseName(), config.appUser(), config.appPassword(), config.appHosts());
      Bootstrap.grantTables(server, config.databaseName(), config.appUser());
    } else {
      DbConnection admin = adminConnection();
      try (Connection ignored =
          DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
        // reachable, credentials accepted
      } catch (SQLException e) {
        throw new DatabaseException(
            "cannot connect to " + config.url() + " as " + admin.user() + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Applies the pending Flyway migrations as the admin user.
   *
   * @return a one-line summary such as "schema at version 3 (0 migrations applied)"
   */
  public String migrate() {
    synchronized (this) {
      if (embedded != null && embedded.isReplica()) {
        return "a replica: its schema comes from the primary";
      }
    }
    String summary = new SchemaMigrator(adminConnection()).migrate();
    synchronized (this) {
      if (embedded != null) {
        Bootstrap.grantTables(embedded, config.databaseName(), config.appUser());
      }
    }
    return summary;
  }

  /** The db tier's Prometheus gauges ({@link ReplicationMetrics}), read from the server now. */
  public void renderMetrics(StringBuilder out) {
    ReplicationMetrics.render(out, adminConnection());
  }

  /**
   * Lets replicas copy and follow this server: the replication user (replication grant only) and
   * {@code <user>_copy} (what a replica's first copy reads), both with {@code password}. Nothing on
   * a replica, whose accounts are its primary's.
   */
  public synchronized void allowReplicas(String user, String password) {
    if (embedded != null && embedded.isReplica()) {
      return;
    }
    Replication.createReplicationUser(adminConnection(), user, password);
    Replication.createCopyUser(adminConnection(), copyUser(user), password);
  }

  /** The account a new replica's copy is made as, beside the replication user {@code user}. */
  public static String copyUser(String user) {
    return user + "_copy";
  }

  /** What the application tier connects with: the application user, rows only. */
  public synchronized DbConnection appConnection() {
    if (config.embedded()) {
      requireStarted();
      return appConnection(config, embedded.port());
    }
    return appConnection(config, 0);
  }

  /**
   * What an application with a database of its own on this server ({@code databaseName}) connects
   * with: the same application user, rows only.
   */
  public synchronized DbConnection appConnection(String databaseName) {
    if (config.embedded()) {
      requireStarted();
      return appConnection(config.forDatabase(databaseName), embedded.port());
    }
    return appConnection(config.forDatabase(databaseName), 0);
  }

  /**
   * How an application instance in another process reaches a database that this config describes
   * and that is already running (its embedded port must then be fixed, not 0).
   */
  public static DbConnection appConnectionTo(DatabaseConfig config) {
    if (config.embedded() && config.embeddedPort() == 0) {
      throw new DatabaseException(
          "the embedded database's port must be fixed for other processes to reach it");
    }
    return appConnection(config, config.embeddedPort());
  }

  private static DbConnection appConnection(DatabaseConfig config, int embeddedPort) {
    if (config.embedded()) {
      return new DbConnection(
          "jdbc:mariadb://127.0.0.1:" + embeddedPort + "/" + config.databaseName(),
          config.appUser(),
          config.appPassword());
    }
    return new DbConnection(config.url(), config.appUser(), config.appPassword());
  }

  /** The schema owner's connection: the embedded superuser, or the configured admin user. */
  synchronized DbConnection adminConnection() {
    if (config.embedded()) {
      requireStarted();
      String url = embedded.adminUrl().replace("/?", "/" + config.databaseName() + "?");
      return new DbConnection(url, embedded.adminUser(), null);
    }
    return new DbConnection(config.url(), config.adminUser(), config.adminPassword());
  }

  /** e.g. "embedded MariaDB 11.4.5 on 127.0.0.1:3306"; never a password. */
  public synchronized String describe() {
    if (config.embedded()) {
      return embedded == null
          ? "embedded MariaDB (not started)"
          : "embedded MariaDB " + embedded.version() + " on 127.0.0.1:" + embedded.port();
    }
    return "external " + config.url();
  }

  /** Stops the embedded server, if this started one. Idempotent. */
  @Override
  public synchronized void close() {
    if (embedded != null) {
      EmbeddedMariaDb server = embedded;
      embedded = null;
      server.close();
    }
  }

  private void requireStarted() {
    if (embedded == null) {
      throw new IllegalStateException("the embedded database has not been started");
    }
  }
}
