package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two database hosts from two copies of the package, each running only its db tier: the primary
 * (listening on a second address, 127.0.0.4, as it would on its private link) and a replica made by
 * {@code foobar db replica init}. The replica follows read-only (across restarts too:
 * ReplicationIT) and takes over by {@code foobar db promote} when the primary is killed, with every
 * order an app instance confirmed with 201 under semi-synchronous replication; the old primary then
 * rejoins as a replica of it. The app instance, on Connector/J's replication URL, writes to the
 * primary and reads the catalogue from the replica.
 */
class DatabaseReplicationIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Path LOGS = Path.of("target/e2e");
  private static final Duration START = Duration.ofSeconds(120);
  private static final Duration COMMAND = Duration.ofSeconds(120);
  private static final String APP_PASSWORD = "app-test-only";
  private static final String REPLICATION_PASSWORD = "repl-test-only";
  private static final String PRIMARY_ADDRESS = "127.0.0.4";
  // The commands are short-lived JVMs: the quick compiler is all they need.
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern ORDER_ID = Pattern.compile("\"id\":\\s*(\\d+)");
  private static final String QUICK_START = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  @Test
  void aReplicaFollowsThePrimaryAndTakesOverWithEveryConfirmedWrite() throws Exception {
    Path work =
        Files.createTempDirectory(Files.createDirectories(LOGS), "replication-").toAbsolutePath();
    int primaryPort = FreePorts.next();
    int replicaPort = FreePorts.next();
    Path primaryHome = host(work.resolve("host-a"), 1, primaryPort, "127.0.0.1," + PRIMARY_ADDRESS);
    Path replicaHome = host(work.resolve("host-b"), 2, replicaPort, "127.0.0.1");
    int replicaMetrics = FreePorts.next();
    PackageCopy.set(replicaHome, "db.metrics", "127.0.0.1:" + replicaMetrics);

    // Both hosts start at once (as two machines would).
    StackProcess primary = StackProcess.start(primaryHome, LOGS, List.of("run", "--tier", "db"));
    StackProcess replica = StackProcess.start(replicaHome, LOGS, List.of("run", "--tier", "db"));
    try {
      primary.awaitLine("db up in", START);
      replica.awaitLine("db up in", START);
      setStock(primaryPort, 31);

      FoobarCommand init =
          foobar(
              replicaHome,
              "db",
              "replica",
              "init",
              "--primary",
              PRIMARY_ADDRESS + ":" + primaryPort);
      assertThat(init.exitCode()).as(init.output()).isZero();
      assertThat(init.output())
          .contains("copied " + PRIMARY_ADDRESS + ":" + primaryPort + " at GTID 0-1-");
      assertThat(stock(replicaPort)).isEqualTo(31); // the copy

      setStock(primaryPort, 32);
      awaitStock(replicaPort, 32); // replicated
      assertThat(foobar(replicaHome, "db", "replica", "status").output())
          .containsPattern(
              "replica of "
                  + Pattern.quote(PRIMARY_ADDRESS + ":" + primaryPort)
                  + ": reading yes, applying yes, lag \\d+ s, GTID 0-1-\\d+, semi-sync on");
      // The db tier's metrics: a replica, both threads running, its lag.
      String metrics =
          HTTP.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + replicaMetrics + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(metrics)
          .contains(
              "\nfoobar_db_up 1\n",
              "\nfoobar_db_replica 1\n",
              "\nfoobar_db_semi_sync 1\n",
              "\nfoobar_db_replica_io_running 1\n",
              "\nfoobar_db_replica_sql_running 1\n")
          .containsPattern("\nfoobar_db_replica_lag_seconds \\d+\n");
      // foobar status shows each server's role on its db line, and a replica's lag.
      assertThat(foobar(replicaHome, "status").output())
          .containsPattern(
              "(?m)^db .* replica of "
                  + Pattern.quote(PRIMARY_ADDRESS + ":" + primaryPort)
                  + ", lag \\d+ s, semi-sync on$");
      assertThat(foobar(primaryHome, "status").output())
          .containsPattern("(?m)^db .* primary, GTID 0-1-\\d+, semi-sync on$");
      assertThatThrownBy(() -> setStock(replicaPort, 1))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("read-only");

      // An app instance on the replica's host, on Connector/J's replication URL: writes go to
      // the primary, catalogue reads to the replica.
      List<String> confirmed = new ArrayList<>();
      int appPort = FreePorts.next();
      StackProcess app =
          startAppOnTheReplicationUrl(replicaHome, appPort, primaryPort, replicaPort);
      try {
        URI api = URI.create("http://127.0.0.1:" + appPort + "/api/");
        readsTheCatalogueFromTheReplica(api, replicaHome, primaryPort);

        // The primary is lost right after confirming a burst of orders: semi-sync made each
        // commit wait for the replica, so the promoted replica has every order that got a 201.
        for (int i = 0; i < 15; i++) {
          confirmed.add(placeOrder(api));
        }
        primary.killHard();
      } finally {
        app.killHard();
      }
      FoobarCommand promote = foobar(replicaHome, "db", "promote");
      assertThat(promote.exitCode()).as(promote.output()).isZero();
      assertThat(promote.output()).contains("writable, the primary from now on");
      assertThat(ordersAmong(replicaPort, confirmed)).isEqualTo(confirmed.size());
      assertThat(stock(replicaPort)).isEqualTo(31 - confirmed.size());
      setStock(replicaPort, 151); // writable

      // The old primary comes back and rejoins as a replica of the new one (a fresh copy: what it
      // may have logged and never sent is not kept).
      primary = startDb(primaryHome);
      FoobarCommand rejoin =
          foobar(primaryHome, "db", "replica", "init", "--primary", "127.0.0.1:" + replicaPort);
      assertThat(rejoin.exitCode()).as(rejoin.output()).isZero();
      assertThat(stock(primaryPort)).isEqualTo(151);
      setStock(replicaPort, 152);
      awaitStock(primaryPort, 152); // following the new primary
    } finally {
      // Throwaway hosts: no orderly shutdown to wait for.
      replica.killHard();
      primary.killHard();
    }
  }

  @Test
  void aServerWithoutAnIdIsNotMadeAReplica() throws Exception {
    FoobarCommand refused =
        FoobarCommand.run(
            DIST, COMMAND, List.of("db", "replica", "init", "--primary", "127.0.0.1:3306"));
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.output()).contains("db.server-id is 0: give this server an id of its own");
  }

  /** An app instance on {@code home}'s host, on Connector/J's replication URL. */
  private static StackProcess startAppOnTheReplicationUrl(
      Path home, int appPort, int primaryPort, int replicaPort) throws Exception {
    String url =
        "jdbc:mariadb:replication://"
            + PRIMARY_ADDRESS
            + ":"
            + primaryPort
            + ",127.0.0.1:"
            + replicaPort
            + "/foobar";
    StackProcess app =
        StackProcess.start(
            home,
            LOGS,
            List.of(
                "run",
                "--tier",
                "app",
                "--port",
                String.valueOf(appPort),
                "--set",
                "app.ports=" + appPort,
                "--set",
                "db.url=" + url));
    app.awaitLine("app up in", START);
    return app;
  }

  /**
   * The order goes to the primary, the catalogue (read-only) comes from the replica, which is shown
   * by pausing the replica's applier: the stock read through the API stays the old one until it
   * resumes.
   */
  private static void readsTheCatalogueFromTheReplica(URI api, Path replicaHome, int primaryPort)
      throws Exception {
    asAdmin(replicaHome, "STOP SLAVE SQL_THREAD");
    placeOrder(api);
    assertThat(stock(primaryPort)).isEqualTo(31);
    HttpRequest mug = HttpRequest.newBuilder(api.resolve("products/FB-MUG")).build();
    assertThat(HTTP.send(mug, HttpResponse.BodyHandlers.ofString()).body())
        .contains("\"stock\":32"); // the replica's, not applying
    asAdmin(replicaHome, "START SLAVE SQL_THREAD");
    Await.until(
        "the replica's stock through the API",
        Duration.ofSeconds(30),
        () -> HTTP.send(mug, HttpResponse.BodyHandlers.ofString()).body().contains("\"stock\":31"));
  }

  /** One FB-MUG ordered through the API: its id, once confirmed with 201. */
  private static String placeOrder(URI api) throws Exception {
    HttpResponse<String> order =
        HTTP.send(
            HttpRequest.newBuilder(api.resolve("orders"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"r@example.com\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
    Matcher id = ORDER_ID.matcher(order.body());
    assertThat(id.find()).as(order.body()).isTrue();
    return id.group(1);
  }

  /** How many of the orders {@code ids} the server on {@code port} has. */
  private static int ordersAmong(int port, List<String> ids) throws SQLException {
    try (Connection db = connect(port);
        ResultSet row =
            db.createStatement()
                .executeQuery(
                    "SELECT COUNT(*) FROM orders WHERE id IN (" + String.join(",", ids) + ")")) {
      row.next();
      return row.getInt(1);
    }
  }

  private static void asAdmin(Path home, String statement) throws SQLException {
    // The embedded server's superuser: the operating-system user, over its Unix socket.
    Path socket = home.resolve("var/mariadb/data/mariadb.sock").toAbsolutePath();
    try (Connection db =
            DriverManager.getConnection(
                "jdbc:mariadb://localhost/?localSocket=" + socket,
                System.getProperty("user.name"),
                null);
        Statement sql = db.createStatement()) {
      sql.execute(statement);
    }
  }

  /** A host's copy of the package, its database a member of the replication set. */
  private static Path host(Path home, int serverId, int port, String bind) throws Exception {
    PackageCopy.make(DIST, home);
    PackageCopy.set(home, "db.embedded.port", String.valueOf(port));
    PackageCopy.set(home, "db.embedded.bind", bind);
    PackageCopy.set(home, "db.server-id", String.valueOf(serverId));
    PackageCopy.set(home, "db.app.password", APP_PASSWORD); // the same on every server of the set
    PackageCopy.set(home, "db.replication.password", REPLICATION_PASSWORD);
    PackageCopy.set(home, "db.replication.semi-sync", "true");
    // A commit with no replica to acknowledge it (before the copy, after the promotion) waits the
    // timeout once: a short one keeps the test short.
    PackageCopy.set(home, "db.replication.semi-sync-timeout-ms", "500");
    return home;
  }

  private static StackProcess startDb(Path home) throws Exception {
    StackProcess db = StackProcess.start(home, LOGS, List.of("run", "--tier", "db"));
    db.awaitLine("db up in", START);
    return db;
  }

  private static FoobarCommand foobar(Path home, String... arguments) throws Exception {
    return FoobarCommand.run(home, COMMAND, List.of(arguments), QUICK_START);
  }

  private static void awaitStock(int port, int stock) throws Exception {
    Await.until(
        "stock " + stock + " on port " + port, Duration.ofSeconds(30), () -> stock(port) == stock);
  }

  private static Connection connect(int port) throws SQLException {
    return DriverManager.getConnection(
        // A server that stops answering fails the test in half a minute instead of hanging it.
        "jdbc:mariadb://127.0.0.1:" + port + "/foobar?socketTimeout=30000",
        "foobar_app",
        APP_PASSWORD);
  }

  private static void setStock(int port, int stock) throws SQLException {
    try (Connection db = connect(port);
        PreparedStatement update =
            db.prepareStatement("UPDATE products SET stock = ? WHERE sku = 'FB-MUG'")) {
      update.setInt(1, stock);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private static int stock(int port) throws SQLException {
    try (Connection db = connect(port);
        PreparedStatement query =
            db.prepareStatement("SELECT stock FROM products WHERE sku = 'FB-MUG'");
        ResultSet row = query.executeQuery()) {
      row.next();
      return row.getInt(1);
    }
  }
}
