package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code foobar db info|backup|restore} of the assembled package against its running embedded
 * MariaDB: a backup, a change, a restore, and the data as it was at the backup.
 */
class DbCommandsIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Path LOGS = Path.of("target/e2e");

  @Test
  void backsUpAndRestoresTheRunningDatabase() throws Exception {
    int port = FreePorts.next();
    List<String> settings = List.of("--set", "db.embedded.port=" + port);
    Path dump = Files.createDirectories(LOGS.toAbsolutePath()).resolve("backup-" + port + ".sql");
    try (StackProcess db =
        StackProcess.start(
            DIST, LOGS, List.of("run", "--tier", "db", "--set", "db.embedded.port=" + port))) {
      db.awaitLine("db up in", Duration.ofSeconds(180));
      setStock(port, 7);

      FoobarCommand info = foobar("info", settings);
      assertThat(info.exitCode()).as(info.output()).isZero();
      assertThat(info.output())
          .containsPattern("1 +products +Success")
          .containsPattern("5 +order cancellation +Success")
          .containsPattern("6 +idempotency outcomes +Success");

      FoobarCommand backup = foobar("backup", settings, dump.toString());
      assertThat(backup.exitCode()).as(backup.output()).isZero();
      assertThat(backup.output()).contains("foobar db backup: foobar -> " + dump);
      assertThat(Files.readString(dump)).contains("CREATE TABLE `orders`", "'FB-TEE'");

      setStock(port, 99);
      FoobarCommand restore = foobar("restore", settings, dump.toString());
      assertThat(restore.exitCode()).as(restore.output()).isZero();
      assertThat(stock(port)).isEqualTo(7);

      db.stop(Duration.ofSeconds(60));
    }
  }

  private static FoobarCommand foobar(String what, List<String> settings, String... more)
      throws Exception {
    List<String> arguments = new java.util.ArrayList<>(List.of("db", what));
    arguments.addAll(List.of(more));
    arguments.addAll(settings);
    return FoobarCommand.run(DIST, Duration.ofSeconds(180), arguments);
  }

  private static Connection app(int port) throws Exception {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + port + "/foobar",
        "foobar_app",
        Files.readString(DIST.resolve("var/secrets/db-app.password")).strip());
  }

  private static void setStock(int port, int stock) throws Exception {
    try (Connection db = app(port)) {
      db.createStatement()
          .executeUpdate("UPDATE products SET stock = " + stock + " WHERE sku = 'FB-TEE'");
    }
  }

  private static int stock(int port) throws Exception {
    try (Connection db = app(port);
        ResultSet row =
            db.createStatement().executeQuery("SELECT stock FROM products WHERE sku = 'FB-TEE'")) {
      row.next();
      return row.getInt(1);
    }
  }
}
