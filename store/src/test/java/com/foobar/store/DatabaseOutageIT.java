package com.foobar.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.app.ApiClient;
import com.foobar.app.AppConfig;
import com.foobar.app.AppServer;
import com.foobar.app.Await;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real MariaDB stopped and started under a running instance: requests that need it get a 503
 * with the error body (within the pool's connection timeout; the client's own 10 s timeout is the
 * ceiling), health names the database, nothing is half-written, and service comes back by itself.
 */
class DatabaseOutageIT {
  private static final String UNAVAILABLE =
      "{\"error\":{\"code\":\"database_unavailable\",\"message\":\"the database is not"
          + " reachable\",\"field\":null}}";
  private static final String TWO_MUGS =
      "{\"sku\":\"FB-MUG\",\"quantity\":2,\"email\":\"ada@example.com\"}";

  /** The restarted server must answer again; a restart takes seconds, more on a loaded machine. */
  private static final Duration RECOVERY = Duration.ofSeconds(60);

  private StoppableDatabase database;
  private AppServer app;
  private ApiClient api;

  @BeforeEach
  void startTheDatabaseAndAnApp() throws Exception {
    database = StoppableDatabase.started(Path.of("target/outage-mariadb"));
    app =
        new AppServer(
            new AppConfig("127.0.0.1", 0, database.appConnection(), 4)
                .withWebApp(StoreWar.LOCATION));
    app.start();
    api = new ApiClient(app.port());
  }

  @AfterEach
  void stop() {
    app.close();
    database.close();
  }

  @Test
  void answers503WhileTheDatabaseIsDownAndRecoversWithoutARestart() throws Exception {
    assertThat(api.get("/api/products/FB-MUG").statusCode()).isEqualTo(200);

    database.stop();
    HttpResponse<String> down = api.get("/api/products/FB-MUG");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).isEqualTo(UNAVAILABLE);
    HttpResponse<String> health = api.get("/api/health");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).isEqualTo("{\"status\":\"down\",\"database\":\"down\"}");

    database.start();
    awaitService();
    assertThat(api.get("/api/health").body()).isEqualTo("{\"status\":\"up\",\"database\":\"up\"}");
  }

  @Test
  void anOrderPostedWhileTheDatabaseIsDownWritesNothingAndIsPlacedOnceWhenSentAgain()
      throws Exception {
    database.stop();
    HttpResponse<String> refused = order("during-outage");
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).isEqualTo(UNAVAILABLE);

    database.start();
    awaitService();
    assertNothingWritten();
    HttpResponse<String> again = order("during-outage");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertPlacedOnce("during-outage");
  }

  @Test
  void anOrderWhoseDatabaseStopsMidTransactionWritesNothingAndIsPlacedOnceWhenSentAgain()
      throws Exception {
    CompletableFuture<HttpResponse<String>> cut;
    try (Connection holder = database.openApp()) {
      // An uncommitted row with the order's key: the order decrements the stock, inserts
      // itself, then waits on this key, its writes done and not committed, when the server stops.
      holder.setAutoCommit(false);
      try (Statement sql = holder.createStatement()) {
        sql.executeUpdate(
            "INSERT INTO idempotency_keys (idempotency_key, sku, quantity, email, status,"
                + " error_code) VALUES ('mid-transaction', 'FB-MUG', 2, 'ada@example.com', 409,"
                + " 'held')");
      }
      cut = CompletableFuture.supplyAsync(() -> orderUnchecked("mid-transaction"));
      Await.until("the order waits on its key, stock and order written", this::orderAwaitsItsKey);

      database.crash();
    }
    HttpResponse<String> refused = cut.get(30, TimeUnit.SECONDS);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
    assertThat(refused.body()).isEqualTo(UNAVAILABLE);

    database.start();
    awaitService();
    assertNothingWritten();
    HttpResponse<String> again = order("mid-transaction");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
    assertPlacedOnce("mid-transaction");
  }

  private HttpResponse<String> order(String key) throws Exception {
    return api.send(
        api.request("/api/orders")
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(TWO_MUGS)));
  }

  private HttpResponse<String> orderUnchecked(String key) {
    try {
      return order(key);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean orderAwaitsItsKey() throws SQLException {
    return count(
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                + " WHERE info LIKE 'INSERT INTO idempotency_keys%'")
        > 0;
  }

  private void awaitService() throws Exception {
    Await.until(
        "service back without restarting the app",
        RECOVERY,
        () -> api.get("/api/products/FB-MUG").statusCode() == 200);
  }

  private void assertNothingWritten() throws SQLException {
    assertThat(count("SELECT COUNT(*) FROM orders")).as("orders").isZero();
    assertThat(count("SELECT COUNT(*) FROM idempotency_keys")).as("keys").isZero();
    assertThat(count("SELECT stock FROM products WHERE sku = 'FB-MUG'")).as("stock").isEqualTo(50);
  }

  private void assertPlacedOnce(String key) throws SQLException {
    assertThat(count("SELECT COUNT(*) FROM orders")).as("orders").isEqualTo(1);
    assertThat(
            count(
                "SELECT COUNT(*) FROM idempotency_keys k JOIN orders o ON o.id = k.order_id"
                    + " WHERE k.idempotency_key = '"
                    + key
                    + "' AND k.status = 201"))
        .as("the key names the order")
        .isEqualTo(1);
    assertThat(count("SELECT stock FROM products WHERE sku = 'FB-MUG'")).as("stock").isEqualTo(48);
  }

  private long count(String query) throws SQLException {
    try (Connection connection = database.openApp();
        Statement sql = connection.createStatement();
        ResultSet row = sql.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }
}
