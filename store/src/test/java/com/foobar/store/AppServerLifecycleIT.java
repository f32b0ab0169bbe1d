package com.foobar.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.app.ApiClient;
import com.foobar.app.AppConfig;
import com.foobar.app.AppServer;
import com.foobar.app.Await;
import com.foobar.db.EmbeddedDatabaseFixture;
import com.foobar.db.PoolSettings;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starting and stopping an instance: bind failures, draining in-flight requests. */
class AppServerLifecycleIT {

  @BeforeEach
  void reset() {
    EmbeddedDatabaseFixture.resetData();
  }

  @Test
  void reportsAPortInUseAsIOExceptionCausedByBindException() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      AppServer app =
          new AppServer(
              new AppConfig(
                      "127.0.0.1", taken.getLocalPort(), EmbeddedDatabaseFixture.appConnection(), 2)
                  .withWebApp(StoreWar.LOCATION));
      try (app) {
        assertThatThrownBy(app::start)
            .isInstanceOf(IOException.class)
            .hasRootCauseInstanceOf(BindException.class);
      }
    }
  }

  @Test
  void closeStopsListeningAndClosesThePoolAndASecondCloseChangesNothing() throws Exception {
    AppServer app = startApp();
    int port = app.port();
    assertThat(new ApiClient(port).get("/api/products/FB-MUG").statusCode()).isEqualTo(200);
    assertThat(appUserConnections()).as("the pool's connections").isPositive();

    app.close();
    assertRefused(port);
    Await.until("the pool's connections are closed", () -> appUserConnections() == 0);

    app.close(); // a launcher's shutdown hook and its main thread may both close
    assertRefused(port);
    assertThat(appUserConnections()).isZero();
  }

  @Test
  void closeBeforeStartDoesNothing() {
    new AppServer(
            new AppConfig("127.0.0.1", 0, EmbeddedDatabaseFixture.appConnection(), 2)
                .withWebApp(StoreWar.LOCATION))
        .close();
  }

  @Test
  void closeLetsAnInFlightOrderFinishAndStopsAcceptingNewConnections() throws Exception {
    AppServer app = startApp();
    ApiClient api = new ApiClient(app.port());
    int port = app.port();
    CompletableFuture<HttpResponse<String>> order;
    CompletableFuture<Void> closing;
    // Hold the mug's row lock so the order's stock update waits inside its request.
    try (Connection lock = EmbeddedDatabaseFixture.openAdmin()) {
      lock.setAutoCommit(false);
      try (Statement sql = lock.createStatement()) {
        sql.executeQuery("SELECT stock FROM products WHERE sku = 'FB-MUG' FOR UPDATE").close();
      }
      order =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return api.postJson(
                      "/api/orders",
                      "{\"sku\":\"FB-MUG\",\"quantity\":2,\"email\":\"late@example.com\"}");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      awaitLockWait();

      closing = CompletableFuture.runAsync(app::close);
      awaitRefused(port);
      assertThat(closing).isNotDone();
      assertThat(order).isNotDone();

      lock.commit(); // the in-flight order may go on now
    }
    HttpResponse<String> response = order.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(201);
    closing.get(10, TimeUnit.SECONDS);
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        ResultSet row =
            admin
                .createStatement()
                .executeQuery("SELECT stock FROM products WHERE sku = 'FB-MUG'")) {
      row.next();
      assertThat(row.getInt(1)).isEqualTo(48);
    }
  }

  @Test
  void healthTurns503WhileDrainingAndRequestsAreStillServed() throws Exception {
    // The drain is the behaviour under test, so it is a time; a hundred times what the steps
    // below take, even on a loaded machine (the test waits it out).
    Duration drain = Duration.ofSeconds(5);
    AppServer app =
        new AppServer(
            new AppConfig(
                    "127.0.0.1",
                    0,
                    EmbeddedDatabaseFixture.appConnection(),
                    PoolSettings.of(2, Duration.ofSeconds(2)),
                    drain)
                .withWebApp(StoreWar.LOCATION));
    app.start();
    int port = app.port();
    ApiClient api = new ApiClient(port);
    // The instance's health (what the web tier polls) drains; the store's own /api/health is the
    // application's, which knows nothing of the instance stopping.
    assertThat(api.get("/_foobar/health").statusCode()).isEqualTo(200);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
    Await.until("health says draining", () -> api.get("/_foobar/health").statusCode() == 503);
    HttpResponse<String> health = api.get("/_foobar/health");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body())
        .isEqualTo("{\"status\":\"draining\",\"database\":\"up\",\"application\":\"up\"}");
    HttpResponse<String> product = api.get("/api/products/FB-MUG");
    assertThat(product.statusCode()).isEqualTo(200);
    assertThat(product.body()).contains("\"sku\":\"FB-MUG\"");
    assertThat(closing).as("still draining").isNotDone();

    closing.get(drain.toSeconds() + 15, TimeUnit.SECONDS);
    assertRefused(port);
  }

  private static AppServer startApp() throws IOException {
    AppServer app =
        new AppServer(
            new AppConfig("127.0.0.1", 0, EmbeddedDatabaseFixture.appConnection(), 2)
                .withWebApp(StoreWar.LOCATION));
    app.start();
    return app;
  }

  private static void awaitLockWait() throws Exception {
    Await.until(
        "the order waits for the locked row",
        () ->
            count(
                    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE user = '"
                        + EmbeddedDatabaseFixture.APP_USER
                        + "' AND info LIKE 'UPDATE products%'")
                > 0);
  }

  /**
   * The app user's sessions on the test database: only the pool of the app under test opens any.
   */
  private static long appUserConnections() throws SQLException {
    return count(
        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE user = '"
            + EmbeddedDatabaseFixture.APP_USER
            + "'");
  }

  private static long count(String query) throws SQLException {
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        Statement sql = admin.createStatement();
        ResultSet row = sql.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  private static void awaitRefused(int port) throws Exception {
    Await.until("port " + port + " refuses connections", () -> isRefused(port));
  }

  private static void assertRefused(int port) throws IOException {
    assertThat(isRefused(port)).as("port " + port + " refuses connections").isTrue();
  }

  private static boolean isRefused(int port) throws IOException {
    try {
      new Socket("127.0.0.1", port).close();
      return false;
    } catch (ConnectException refused) {
      return true;
    }
  }
}
