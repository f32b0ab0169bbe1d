package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.db.embedded.EmbeddedMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two database hosts, each a copy of the package in a network namespace of its own (host A the
 * primary, host B the replica made by {@code foobar db replica init} over the network between
 * them). The replica follows read-only (across restarts too: ReplicationIT) and takes over by
 * {@code foobar db promote} when the primary is killed, with every order an app instance confirmed
 * with 201 under semi-synchronous replication; the old primary then rejoins as a replica of it. The
 * app instance, on host B on Connector/J's replication URL, writes to the primary and reads the
 * catalogue from the replica.
 */
class DatabaseReplicationIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Path LOGS = Path.of("target/e2e");
  private static final Duration START = Duration.ofSeconds(120);
  private static final Duration COMMAND = Duration.ofSeconds(120);
  private static final String APP_PASSWORD = "app-test-only";
  private static final String REPLICATION_PASSWORD = "repl-test-only";
  private static final String HOST_A = "198.51.100.1";
  private static final String HOST_B = "198.51.100.2";
  private static final String PORT = "3306"; // each host has its own
  private static final String METRICS = "127.0.0.1:9104";
  private static final String APP = "http://127.0.0.1:8081/api/";
  private static final Pattern ORDER_ID = Pattern.compile("\"id\":\\s*(\\d+)");
  // The commands are short-lived JVMs: the quick compiler is all they need.
  private static final String QUICK_START = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  /** A test host: its namespace and its copy of the package. */
  private record DbHost(String namespace, Path home) {
    FoobarCommand foobar(String... arguments) throws Exception {
      return FoobarCommand.runIn(namespace, home, COMMAND, List.of(arguments), QUICK_START);
    }

    StackProcess start(String... arguments) throws Exception {
      return StackProcess.startIn(namespace, home, LOGS, List.of(arguments));
    }

    StackProcess startDb() throws Exception {
      StackProcess db = start("run", "--tier", "db");
      db.awaitLine("db up in", START);
      return db;
    }

    /** The application user over the server's Unix socket: reachable from outside its host. */
    Connection connect() throws SQLException {
      // A server that stops answering fails the test in half a minute instead of hanging it.
      return DriverManager.getConnection(
          "jdbc:mariadb://localhost/foobar?socketTimeout=30000&localSocket=" + socket(),
          "foobar_app",
          APP_PASSWORD);
    }

    /** The embedded server's superuser: the operating-system user, over its Unix socket. */
    void asAdmin(String statement) throws SQLException {
      try (Connection db =
              DriverManager.getConnection(
                  "jdbc:mariadb://localhost/?socketTimeout=30000&localSocket=" + socket(),
                  System.getProperty("user.name"),
                  null);
          Statement sql = db.createStatement()) {
        sql.execute(statement);
      }
    }

    private Path socket() {
      return EmbeddedMariaDb.socketIn(home.resolve("var/mariadb/data"));
    }
  }

  @Test
  void aReplicaFollowsThePrimaryAndTakesOverWithEveryConfirmedWrite() throws Exception {
    Path work =
        Files.createTempDirectory(Files.createDirectories(LOGS), "replication-").toAbsolutePath();
    try (TestNetwork network = TestNetwork.create("db")) {
      DbHost a = new DbHost(network.addHost("a", 1, null), host(work.resolve("host-a"), 1, HOST_A));
      DbHost b = new DbHost(network.addHost("b", 2, null), host(work.resolve("host-b"), 2, HOST_B));
      PackageCopy.set(b.home(), "db.metrics", METRICS);
      // Host B's app instances on the replication URL, from its conf; with its server id, its db
      // tier still runs the embedded server (the replica).
      PackageCopy.set(
          b.home(),
          "db.url",
          "jdbc:mariadb:replication://" + HOST_A + ":" + PORT + ",127.0.0.1:" + PORT + "/foobar");
      CurlClient onB = new CurlClient(b.namespace(), Files.createDirectories(work.resolve("curl")));

      // Both hosts start at once (as two machines would).
      StackProcess primary = a.start("run", "--tier", "db");
      StackProcess replica = b.start("run", "--tier", "db");
      primary.awaitLine("db up in", START);
      replica.awaitLine("db up in", START);
      setStock(a, 31);

      FoobarCommand init = b.foobar("db", "replica", "init", "--primary", HOST_A + ":" + PORT);
      assertThat(init.exitCode()).as(init.output()).isZero();
      assertThat(init.output()).contains("copied " + HOST_A + ":" + PORT + " at GTID 0-1-");
      assertThat(stock(b)).isEqualTo(31); // the copy

      setStock(a, 32);
      awaitStock(b, 32); // replicated
      assertThat(b.foobar("db", "replica", "status").output())
          .containsPattern(
              "replica of "
                  + Pattern.quote(HOST_A + ":" + PORT)
                  + ": reading yes, applying yes, lag \\d+ s, GTID 0-1-\\d+, semi-sync on");
      // The db tier's metrics: a replica, both threads running, its lag.
      assertThat(onB.get("http://" + METRICS + "/metrics").body())
          .contains(
              "\nfoobar_db_up 1\n",
              "\nfoobar_db_replica 1\n",
              "\nfoobar_db_semi_sync 1\n",
              "\nfoobar_db_replica_io_running 1\n",
              "\nfoobar_db_replica_sql_running 1\n")
          .containsPattern("\nfoobar_db_replica_lag_seconds \\d+\n");
      // foobar status shows each server's role on its db line, and a replica's lag.
      assertThat(b.foobar("status").output())
          .containsPattern(
              "(?m)^db .* replica of "
                  + Pattern.quote(HOST_A + ":" + PORT)
                  + ", lag \\d+ s, semi-sync on$");
      assertThat(a.foobar("status").output())
          .containsPattern("(?m)^db .* primary, GTID 0-1-\\d+, semi-sync on$");
      assertThatThrownBy(() -> setStock(b, 1))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("read-only");

      // An app instance on host B, on Connector/J's replication URL: writes go to the primary,
      // catalogue reads to the replica.
      List<String> confirmed = new ArrayList<>();
      StackProcess app = b.start("run", "--tier", "app", "--port", "8081");
      try {
        app.awaitLine("app up in", START);
        readsTheCatalogueFromTheReplica(onB, a, b);

        // The primary is lost right after confirming a burst of orders: semi-sync made each
        // commit wait for the replica, so the promoted replica has every order that got a 201.
        for (int i = 0; i < 15; i++) {
          confirmed.add(placeOrder(onB));
        }
        primary.killHard();
      } finally {
        app.killHard();
      }
      FoobarCommand promote = b.foobar("db", "promote");
      assertThat(promote.exitCode()).as(promote.output()).isZero();
      assertThat(promote.output()).contains("writable, the primary from now on");
      assertThat(ordersAmong(b, confirmed)).isEqualTo(confirmed.size());
      assertThat(stock(b)).isEqualTo(31 - confirmed.size());
      setStock(b, 151); // writable

      // The old primary comes back and rejoins as a replica of the new one (a fresh copy: what it
      // may have logged and never sent is not kept).
      a.startDb();
      FoobarCommand rejoin = a.foobar("db", "replica", "init", "--primary", HOST_B + ":" + PORT);
      assertThat(rejoin.exitCode()).as(rejoin.output()).isZero();
      assertThat(stock(a)).isEqualTo(151);
      setStock(b, 152);
      awaitStock(a, 152); // following the new primary
    } // the network's close kills what runs on its hosts
  }

  @Test
  void aServerWithoutAnIdIsNotMadeAReplica() throws Exception {
    FoobarCommand refused =
        FoobarCommand.run(
            DIST, COMMAND, List.of("db", "replica", "init", "--primary", "127.0.0.1:3306"));
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.output()).contains("db.server-id is 0: give this server an id of its own");
  }

  /**
   * The order goes to the primary, the catalogue (read-only) comes from the replica, which is shown
   * by pausing the replica's applier: the stock read through the API stays the old one until it
   * resumes.
   */
  private static void readsTheCatalogueFromTheReplica(CurlClient onB, DbHost a, DbHost b)
      throws Exception {
    b.asAdmin("STOP SLAVE SQL_THREAD");
    placeOrder(onB);
    assertThat(stock(a)).isEqualTo(31);
    assertThat(onB.get(APP + "products/FB-MUG").body())
        .contains("\"stock\":32"); // the replica's, not applying
    b.asAdmin("START SLAVE SQL_THREAD");
    Await.until(
        "the replica's stock through the API",
        Duration.ofSeconds(30),
        () -> onB.get(APP + "products/FB-MUG").body().contains("\"stock\":31"));
  }

  /** One FB-MUG ordered through the API: its id, once confirmed with 201. */
  private static String placeOrder(CurlClient onB) throws Exception {
    CurlClient.Reply order =
        onB.post(
            APP + "orders",
            "{\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"r@example.com\"}",
            UUID.randomUUID().toString());
    assertThat(order.status()).as(order.error() + " " + order.body()).isEqualTo(201);
    Matcher id = ORDER_ID.matcher(order.body());
    assertThat(id.find()).as(order.body()).isTrue();
    return id.group(1);
  }

  /** How many of the orders {@code ids} the host's server has. */
  private static int ordersAmong(DbHost host, List<String> ids) throws SQLException {
    try (Connection db = host.connect();
        ResultSet row =
            db.createStatement()
                .executeQuery(
                    "SELECT COUNT(*) FROM orders WHERE id IN (" + String.join(",", ids) + ")")) {
      row.next();
      return row.getInt(1);
    }
  }

  /** A host's copy of the package, its database a member of the replication set. */
  private static Path host(Path home, int serverId, String address) throws Exception {
    PackageCopy.make(DIST, home);
    PackageCopy.set(home, "db.embedded.bind", "127.0.0.1," + address);
    PackageCopy.set(home, "db.server-id", String.valueOf(serverId));
    PackageCopy.set(home, "db.app.password", APP_PASSWORD); // the same on every server of the set
    PackageCopy.set(home, "db.app.hosts", "127.0.0.1,localhost,198.51.100.%");
    PackageCopy.set(home, "db.replication.password", REPLICATION_PASSWORD);
    PackageCopy.set(home, "db.replication.semi-sync", "true");
    // A commit with no replica to acknowledge it (before the copy, after the promotion) waits the
    // timeout once: a short one keeps the test short.
    PackageCopy.set(home, "db.replication.semi-sync-timeout-ms", "500");
    return home;
  }

  private static void awaitStock(DbHost host, int stock) throws Exception {
    Await.until(
        "stock " + stock + " on " + host.namespace(),
        Duration.ofSeconds(30),
        () -> stock(host) == stock);
  }

  private static void setStock(DbHost host, int stock) throws SQLException {
    try (Connection db = host.connect();
        PreparedStatement update =
            db.prepareStatement("UPDATE products SET stock = ? WHERE sku = 'FB-MUG'")) {
      update.setInt(1, stock);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private static int stock(DbHost host) throws SQLException {
    try (Connection db = host.connect();
        PreparedStatement query =
            db.prepareStatement("SELECT stock FROM products WHERE sku = 'FB-MUG'");
        ResultSet row = query.executeQuery()) {
      row.next();
      return row.getInt(1);
    }
  }
}
