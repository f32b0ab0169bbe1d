package com.foobar.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.db.embedded.EmbeddedMariaDb;
import com.foobar.db.replication.ReplicaStatus;
import com.foobar.db.replication.Replication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two real MariaDB servers (the embedded bundle for both): the primary's copy and GTID position
 * taken into the replica, which then follows every write, stays read-only for the application,
 * reports its threads and lag, and once promoted takes writes itself.
 */
class ReplicationIT {
  private static final Pattern PORT = Pattern.compile("//127\\.0\\.0\\.1:(\\d+)/");
  private static final String DUMP_PASSWORD = "dump-test-only";
  private static final String REPLICATION_PASSWORD = "repl-test-only";

  @Test
  void aReplicaCopiesThePrimaryFollowsItsWritesAndTakesOverWhenPromoted() throws Exception {
    Path work = Files.createTempDirectory(Path.of("target"), "replication-");
    // A commit with no replica to acknowledge it (before the copy, after the promotion) waits the
    // timeout once, then the primary goes on without: a short one keeps the test short.
    DatabaseConfig primaryConfig =
        EmbeddedDatabaseFixture.config(work.resolve("primary"))
            .withServerId(1)
            .withSemiSync(true)
            .withSemiSyncTimeoutMs(500);
    DatabaseConfig replicaConfig =
        EmbeddedDatabaseFixture.config(work.resolve("replica"))
            .withServerId(2)
            .withSemiSync(true)
            .withSemiSyncTimeoutMs(500);
    // What MariaDB keeps while a server replicates, and what a restart reads to come up read-only.
    Path masterInfo = replicaConfig.dataDirectory().resolve("master.info");
    Database replica = new Database(replicaConfig);
    try (Database primary = new Database(primaryConfig)) {
      primary.start();
      primary.migrate();
      replica.start();
      // The copy is made as a user that reads everything; the replica then connects as the
      // replication user, which has the replication grant only.
      Replication.createCopyUser(primary.adminConnection(), "foobar_dump", DUMP_PASSWORD);
      execute(
          primary.adminConnection(), "UPDATE foobar.products SET stock = 41 WHERE sku = 'FB-MUG'");
      Replication.createReplicationUser(
          primary.adminConnection(), "foobar_repl", REPLICATION_PASSWORD);

      Replication.initReplica(
          new Replication.Primary(
              "127.0.0.1", portOf(primary.appConnection()), "foobar_dump", DUMP_PASSWORD),
          primaryConfig.baseDirectory().resolve("bin/mariadb-dump"),
          primaryConfig.baseDirectory().resolve("bin/mariadb"),
          EmbeddedMariaDb.socketIn(replicaConfig.dataDirectory()),
          replica.adminConnection(),
          "foobar_repl",
          REPLICATION_PASSWORD,
          work);

      assertThat(stock(replica.appConnection())).isEqualTo(41); // the copy
      execute(
          primary.adminConnection(), "UPDATE foobar.products SET stock = 42 WHERE sku = 'FB-MUG'");
      awaitStock(replica, 42); // replicated
      ReplicaStatus status = Replication.status(replica.adminConnection());
      assertThat(status.replicating()).as(status.toString()).isTrue();
      assertThat(status.lagSeconds()).isBetween(0L, 5L);
      assertThat(status.gtidPosition()).matches("0-1-\\d+");
      assertThat(status.semiSync()).as("the replica acknowledges").isTrue();
      assertThat(variables(replica, "rpl_semi_sync_master_enabled", "rpl_semi_sync_slave_enabled"))
          .as("a replica acknowledges, it does not wait")
          .containsExactly("0", "1");
      ReplicaStatus primaryStatus = Replication.status(primary.adminConnection());
      assertThat(primaryStatus.replica()).isFalse();
      assertThat(primaryStatus.semiSync()).as("commits wait for the replica").isTrue();
      assertThat(status.replica()).isTrue();
      assertThat(Files.exists(masterInfo)).isTrue();
      assertThat(status.primary()).isEqualTo("127.0.0.1:" + portOf(primary.appConnection()));

      // The guarantee itself: while the replica cannot acknowledge (stopped, as a replica whose
      // host hangs), a commit on the primary does not return; an asynchronous replica would let
      // it return at once. Once the replica runs again, it acknowledges and the commit returns.
      execute(primary.adminConnection(), "SET GLOBAL rpl_semi_sync_master_timeout = 120000");
      ProcessHandle replicaServer = mariadbd(replicaConfig.dataDirectory());
      CompletableFuture<Void> write;
      signal(replicaServer, "STOP");
      try {
        write =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    execute(
                        primary.adminConnection(),
                        "UPDATE foobar.products SET stock = 45 WHERE sku = 'FB-MUG'");
                  } catch (SQLException e) {
                    throw new CompletionException(e);
                  }
                });
        assertThatThrownBy(() -> write.get(2, TimeUnit.SECONDS))
            .as("a commit the replica has not acknowledged")
            .isInstanceOf(TimeoutException.class);
      } finally {
        signal(replicaServer, "CONT");
      }
      write.get(60, TimeUnit.SECONDS);
      awaitStock(replica, 45);
      execute(primary.adminConnection(), "SET GLOBAL rpl_semi_sync_master_timeout = 500");

      // Restarted, it is still a read-only replica: nothing of its own written (its bootstrap
      // would break the primary's GTID order), replicating again at once.
      replica.close();
      replica = new Database(replicaConfig);
      replica.start();
      assertThat(replica.migrate()).isEqualTo("a replica: its schema comes from the primary");
      execute(
          primary.adminConnection(), "UPDATE foobar.products SET stock = 44 WHERE sku = 'FB-MUG'");
      awaitStock(replica, 44);
      execute(
          primary.adminConnection(), "UPDATE foobar.products SET stock = 42 WHERE sku = 'FB-MUG'");
      awaitStock(replica, 42);
      try (Connection app = open(replica.appConnection());
          Statement sql = app.createStatement()) {
        assertThatThrownBy(
                () -> sql.executeUpdate("UPDATE products SET stock = 1 WHERE sku = 'FB-MUG'"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("read-only");
      }

      Replication.promote(replica.adminConnection());
      assertThat(Files.exists(masterInfo)).isFalse();
      assertThat(Replication.status(replica.adminConnection()).replicating()).isFalse();
      try (Connection app = open(replica.appConnection());
          Statement sql = app.createStatement()) {
        assertThat(sql.executeUpdate("UPDATE products SET stock = 43 WHERE sku = 'FB-MUG'"))
            .isEqualTo(1);
      }
      assertThat(stock(replica.appConnection())).isEqualTo(43);
      assertThat(variables(replica, "rpl_semi_sync_master_enabled", "rpl_semi_sync_slave_enabled"))
          .as("a primary now: it waits, it no longer acknowledges")
          .containsExactly("1", "0");
    } finally {
      replica.close();
    }
  }

  /** The embedded server on {@code dataDirectory}, a child of this JVM. */
  private static ProcessHandle mariadbd(Path dataDirectory) {
    return ProcessHandle.current()
        .descendants()
        .filter(
            process ->
                process.info().arguments().stream()
                    .flatMap(Arrays::stream)
                    .anyMatch(
                        argument ->
                            argument.startsWith("--datadir=")
                                && Path.of(argument.substring("--datadir=".length()))
                                    .toAbsolutePath()
                                    .normalize()
                                    .equals(dataDirectory.toAbsolutePath().normalize())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no mariadbd on " + dataDirectory));
  }

  private static void signal(ProcessHandle process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
    assertThat(kill.waitFor()).as("kill -" + signal).isZero();
  }

  private static List<String> variables(Database server, String... names) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection admin = open(server.adminConnection());
        Statement sql = admin.createStatement()) {
      for (String name : names) {
        try (ResultSet row = sql.executeQuery("SELECT @@GLOBAL." + name)) {
          row.next();
          values.add(row.getString(1));
        }
      }
    }
    return values;
  }

  private static void awaitStock(Database replica, int stock) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (stock(replica.appConnection()) != stock) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the replica never had stock "
                + stock
                + ": "
                + Replication.status(replica.adminConnection()));
      }
      Thread.sleep(20);
    }
  }

  private static int stock(DbConnection server) throws SQLException {
    try (Connection connection = open(server);
        Statement sql = connection.createStatement();
        ResultSet row = sql.executeQuery("SELECT stock FROM products WHERE sku = 'FB-MUG'")) {
      row.next();
      return row.getInt(1);
    }
  }

  private static void execute(DbConnection server, String... statements) throws SQLException {
    try (Connection connection = open(server);
        Statement sql = connection.createStatement()) {
      for (String statement : statements) {
        sql.execute(statement);
      }
    }
  }

  private static Connection open(DbConnection server) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
  }

  private static int portOf(DbConnection connection) {
    Matcher url = PORT.matcher(connection.jdbcUrl());
    if (!url.find()) {
      throw new IllegalStateException("no port in " + connection.jdbcUrl());
    }
    return Integer.parseInt(url.group(1));
  }
}
