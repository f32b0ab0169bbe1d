package com.foobar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.db.EmbeddedDatabaseFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/orders with an Idempotency-Key is applied at most once, however often it arrives. */
class IdempotencyIT {
  private static final String MUGS =
      "{\"sku\":\"FB-MUG\",\"quantity\":3,\"email\":\"ada@example.com\"}";
  private static AppServer app;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    app = new AppServer(new AppConfig("127.0.0.1", 0, EmbeddedDatabaseFixture.appConnection(), 10));
    app.start();
    api = new ApiClient(app.port());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void reset() {
    EmbeddedDatabaseFixture.resetData();
  }

  private static HttpResponse<String> order(String key, String body) throws Exception {
    return api.send(
        api.request("/api/orders")
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void aRepeatedKeyReturnsTheFirstOrderAndPlacesNoOther() throws Exception {
    HttpResponse<String> first = order("7f3c2a4e-order-1", MUGS);
    HttpResponse<String> again = order("7f3c2a4e-order-1", MUGS);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue("Location"))
        .isEqualTo(first.headers().firstValue("Location"));
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(1);
    assertThat(count("SELECT stock FROM products WHERE sku = 'FB-MUG'")).isEqualTo(47);
  }

  @Test
  void concurrentRequestsWithOneKeyPlaceOneOrder() throws Exception {
    int clients = 8;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      answers.add(
          pool.submit(
              () -> {
                go.await();
                return order("same-key-for-all", MUGS);
              }));
    }
    go.countDown();
    List<String> bodies = new ArrayList<>();
    for (Future<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.get();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      bodies.add(response.body());
    }
    pool.shutdown();

    assertThat(bodies).allMatch(body -> body.equals(bodies.get(0)));
    assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(1);
    assertThat(count("SELECT stock FROM products WHERE sku = 'FB-MUG'")).isEqualTo(47);
  }

  @Test
  void aKeyReusedForADifferentOrderIsRefused() throws Exception {
    HttpResponse<String> first = order("reused", MUGS);
    HttpResponse<String> other =
        order("reused", "{\"sku\":\"FB-TEE\",\"quantity\":1,\"email\":\"ada@example.com\"}");

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(other.statusCode()).isEqualTo(422);
    String id = first.headers().firstValue("Location").orElseThrow().replace("/api/orders/", "");
    assertThat(other.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"idempotency_key_reused\",\"message\":\"Idempotency-Key reused"
                + " already placed order "
                + id
                + " with other data\",\"field\":null}}");
    assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(1);
    assertThat(count("SELECT stock FROM products WHERE sku = 'FB-TEE'")).isEqualTo(100);
  }

  @Test
  void aMalformedKeyIsRefusedAndPlacesNothing() throws Exception {
    HttpResponse<String> response = order("x".repeat(129), MUGS);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"invalid_field\",\"message\":\"Idempotency-Key must be 1 to 128"
                + " visible ASCII characters\",\"field\":\"Idempotency-Key\"}}");
    assertThat(count("SELECT COUNT(*) FROM orders")).isZero();
  }

  private static long count(String query) throws SQLException {
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        ResultSet row = admin.createStatement().executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }
}
