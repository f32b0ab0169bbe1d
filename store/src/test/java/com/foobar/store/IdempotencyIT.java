package com.foobar.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.db.EmbeddedDatabaseFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /api/orders with an Idempotency-Key is applied at most once, however often it arrives. */
class IdempotencyIT {
  private static final String MUGS =
      "{\"sku\":\"FB-MUG\",\"quantity\":3,\"email\":\"ada@example.com\"}";
  @RegisterExtension static final RunningApp api = new RunningApp(10);

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
    List<HttpResponse<String>> responses = concurrently(8, () -> order("same-key-for-all", MUGS));

    for (HttpResponse<String> response : responses) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      assertThat(response.body()).isEqualTo(responses.get(0).body());
    }
    assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(1);
    assertThat(count("SELECT stock FROM products WHERE sku = 'FB-MUG'")).isEqualTo(47);
  }

  /** {@code clients} calls of {@code call}, released at once; their answers. */
  private static <T> List<T> concurrently(int clients, Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> answers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return call.call();
                }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> answer : answers) {
        results.add(answer.get());
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aKeyReusedForADifferentOrderIsRefused() throws Exception {
    HttpResponse<String> first = order("reused", MUGS);
    HttpResponse<String> other =
        order("reused", "{\"sku\":\"FB-TEE\",\"quantity\":1,\"email\":\"ada@example.com\"}");

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(other.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"idempotency_key_reused\",\"message\":\"Idempotency-Key reused"
                + " was already used for a different order\",\"field\":null}}");
    assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(1);
    assertThat(count("SELECT stock FROM products WHERE sku = 'FB-TEE'")).isEqualTo(100);
  }

  @Test
  void aKeyRefusedForShortStockIsRefusedAgainAfterARestock() throws Exception {
    String tooMany = "{\"sku\":\"FB-MUG\",\"quantity\":51,\"email\":\"ada@example.com\"}";
    HttpResponse<String> first = order("short-stock", tooMany);
    admin("UPDATE products SET stock = 500 WHERE sku = 'FB-MUG'");
    HttpResponse<String> again = order("short-stock", tooMany);
    HttpResponse<String> freshKey = order("short-stock-2", tooMany);

    String refusal =
        "{\"error\":{\"code\":\"insufficient_stock\",\"message\":\"only 50 of FB-MUG left\","
            + "\"field\":\"quantity\"}}";
    assertThat(first.statusCode()).isEqualTo(409);
    assertThat(first.body()).isEqualTo(refusal);
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).isEqualTo(refusal);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(freshKey.statusCode()).isEqualTo(201); // the control: the stock is there now
    assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(1);
    assertThat(count("SELECT stock FROM products WHERE sku = 'FB-MUG'")).isEqualTo(449);
  }

  @Test
  void aKeyRefusedForAnUnknownSkuStaysRefusedWhenTheProductAppears() throws Exception {
    String body = "{\"sku\":\"FB-NEW\",\"quantity\":1,\"email\":\"ada@example.com\"}";
    HttpResponse<String> first = order("new-product", body);
    admin("INSERT INTO products (sku, name, price_cents, stock) VALUES ('FB-NEW', 'New', 100, 5)");
    HttpResponse<String> again = order("new-product", body);

    String refusal =
        "{\"error\":{\"code\":\"not_found\",\"message\":\"no product with sku FB-NEW\","
            + "\"field\":\"sku\"}}";
    assertThat(first.statusCode()).isEqualTo(404);
    assertThat(first.body()).isEqualTo(refusal);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.body()).isEqualTo(refusal);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(count("SELECT stock FROM products WHERE sku = 'FB-NEW'")).isEqualTo(5);
  }

  @Test
  void concurrentRequestsWithOneKeyForTooMuchAllGetTheSameRefusal() throws Exception {
    String tooMany = "{\"sku\":\"FB-MUG\",\"quantity\":51,\"email\":\"ada@example.com\"}";
    List<HttpResponse<String>> responses = concurrently(8, () -> order("racing-refusal", tooMany));

    String refusal =
        "{\"error\":{\"code\":\"insufficient_stock\",\"message\":\"only 50 of FB-MUG left\","
            + "\"field\":\"quantity\"}}";
    for (HttpResponse<String> response : responses) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
      assertThat(response.body()).isEqualTo(refusal);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/json;charset=utf-8");
    }
    assertThat(
            responses.stream()
                .filter(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty())
                .count())
        .as("decided once")
        .isEqualTo(1);
    assertThat(
            responses.stream()
                .filter(
                    r -> r.headers().firstValue("Idempotent-Replayed").equals(Optional.of("true")))
                .count())
        .as("replayed")
        .isEqualTo(7);
    assertThat(count("SELECT COUNT(*) FROM idempotency_keys")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM orders")).isZero();
    assertThat(count("SELECT stock FROM products WHERE sku = 'FB-MUG'")).isEqualTo(50);
  }

  @Test
  void anOrderPlacedByThePreviousVersionIsFoundByItsKey() throws Exception {
    // During a rolling deploy the previous version kept the key on the order only.
    admin(
        "INSERT INTO orders (product_id, quantity, email, total_cents, idempotency_key)"
            + " SELECT id, 3, 'ada@example.com', price_cents * 3, 'placed-by-v5'"
            + " FROM products WHERE sku = 'FB-MUG'");
    long id = count("SELECT id FROM orders WHERE idempotency_key = 'placed-by-v5'");

    HttpResponse<String> again = order("placed-by-v5", MUGS);

    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.headers().firstValue("Location")).hasValue("/api/orders/" + id);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(1);
  }

  @Test
  void anOrderThePreviousVersionPlacedOnARetryWinsOverTheStoredRefusal() throws Exception {
    String tooMany = "{\"sku\":\"FB-MUG\",\"quantity\":51,\"email\":\"ada@example.com\"}";
    assertThat(order("mixed-versions", tooMany).statusCode()).isEqualTo(409);
    // During a rolling deploy the retry reached an old instance after a restock: it placed it.
    admin(
        "INSERT INTO orders (product_id, quantity, email, total_cents, idempotency_key)"
            + " SELECT id, 51, 'ada@example.com', price_cents * 51, 'mixed-versions'"
            + " FROM products WHERE sku = 'FB-MUG'");
    long id = count("SELECT id FROM orders WHERE idempotency_key = 'mixed-versions'");

    HttpResponse<String> again = order("mixed-versions", tooMany);

    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.headers().firstValue("Location")).hasValue("/api/orders/" + id);
  }

  @Test
  void aRetryNamingTheSkuInAnotherCaseIsTheSameOrder() throws Exception {
    String lower = "{\"sku\":\"fb-mug\",\"quantity\":1,\"email\":\"ada@example.com\"}";
    HttpResponse<String> first = order("lower-case-sku", lower);
    HttpResponse<String> again = order("lower-case-sku", lower);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(1);
  }

  @Test
  void keysThatDifferOnlyInCaseAreTwoKeys() throws Exception {
    HttpResponse<String> upper = order("Key-A", MUGS);
    HttpResponse<String> lower = order("key-a", MUGS);

    assertThat(upper.statusCode()).isEqualTo(201);
    assertThat(lower.statusCode()).isEqualTo(201);
    assertThat(lower.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(2);
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

  private static void admin(String statement) throws SQLException {
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin()) {
      admin.createStatement().executeUpdate(statement);
    }
  }

  private static long count(String query) throws SQLException {
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        ResultSet row = admin.createStatement().executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }
}
