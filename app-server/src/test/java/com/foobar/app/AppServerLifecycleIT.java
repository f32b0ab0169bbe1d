package com.foobar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.db.EmbeddedDatabaseFixture;
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
                  "127.0.0.1", taken.getLocalPort(), EmbeddedDatabaseFixture.appConnection(), 2));
      try (app) {
        assertThatThrownBy(app::start)
            .isInstanceOf(IOException.class)
            .hasRootCauseInstanceOf(BindException.class);
      }
    }
  }

  @Test
  void closeIsIdempotent() throws Exception {
    AppServer app = startApp();
    app.close();
    app.close();
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
    AppServer app =
        new AppServer(
            new AppConfig(
                "127.0.0.1",
                0,
                EmbeddedDatabaseFixture.appConnection(),
                com.foobar.db.PoolSettings.of(2, java.time.Duration.ofSeconds(2)),
                java.time.Duration.ofMillis(1500)));
    app.start();
    ApiClient api = new ApiClient(app.port());
    assertThat(api.get("/api/health").statusCode()).isEqualTo(200);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    HttpResponse<String> health = api.get("/api/health");
    while (health.statusCode() == 200 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      health = api.get("/api/health");
    }
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).isEqualTo("{\"status\":\"draining\",\"database\":\"up\"}");
    assertThat(api.get("/api/products/FB-MUG").statusCode()).isEqualTo(200);
    assertThat(closing).isNotDone();
    closing.get(15, TimeUnit.SECONDS);
  }

  private static AppServer startApp() throws IOException {
    AppServer app =
        new AppServer(new AppConfig("127.0.0.1", 0, EmbeddedDatabaseFixture.appConnection(), 2));
    app.start();
    return app;
  }

  private static void awaitLockWait() throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        Statement sql = admin.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet row =
            sql.executeQuery(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                    + " WHERE user = '"
                    + EmbeddedDatabaseFixture.APP_USER
                    + "' AND info LIKE 'UPDATE products%'")) {
          row.next();
          if (row.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("the order never reached the locked row");
  }

  private static void awaitRefused(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        Thread.sleep(20);
      } catch (ConnectException refused) {
        return;
      } catch (IOException other) {
        Thread.sleep(20);
      }
    }
    throw new AssertionError("port " + port + " still accepts connections while draining");
  }
}
