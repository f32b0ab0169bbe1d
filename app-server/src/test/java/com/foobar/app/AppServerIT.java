package com.foobar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.db.DbConnection;
import com.foobar.db.EmbeddedDatabaseFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppServerIT {
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

  @Test
  void listsTheProductsBySku() throws Exception {
    HttpResponse<String> response = api.get("/api/products");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json;charset=utf-8");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.body())
        .isEqualTo(
            "[{\"sku\":\"FB-HOODIE\",\"name\":\"foobar hoodie\",\"description\":\"Warm hoodie for"
                + " cold server rooms.\",\"priceCents\":4999,\"stock\":25},"
                + "{\"sku\":\"FB-MUG\",\"name\":\"foobar mug\",\"description\":\"Ceramic mug, 330"
                + " ml.\",\"priceCents\":1299,\"stock\":50},"
                + "{\"sku\":\"FB-STICKER\",\"name\":\"foobar sticker pack\",\"description\":\"Five"
                + " vinyl stickers.\",\"priceCents\":499,\"stock\":500},"
                + "{\"sku\":\"FB-TEE\",\"name\":\"foobar T-shirt\",\"description\":\"Soft cotton"
                + " tee with the foobar logo.\",\"priceCents\":1999,\"stock\":100}]");
  }

  @Test
  void showsOneProduct() throws Exception {
    HttpResponse<String> response = api.get("/api/products/FB-MUG");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"sku\":\"FB-MUG\",\"name\":\"foobar mug\",\"description\":\"Ceramic mug, 330"
                + " ml.\",\"priceCents\":1299,\"stock\":50}");
  }

  @Test
  void answersAnUnknownProductWith404() throws Exception {
    HttpResponse<String> response = api.get("/api/products/NOPE");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"not_found\",\"message\":\"no product with sku NOPE\","
                + "\"field\":null}}");
  }

  @Test
  void placesAnOrderDecrementsStockAndReadsItBack() throws Exception {
    HttpResponse<String> created =
        api.postJson(
            "/api/orders", "{\"sku\":\"FB-MUG\",\"quantity\":3,\"email\":\"ada@example.com\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/api/orders/\\d+");
    long id = Long.parseLong(location.substring("/api/orders/".length()));
    assertThat(created.body())
        .matches(
            "\\{\"id\":"
                + id
                + ",\"sku\":\"FB-MUG\",\"quantity\":3,\"email\":\"ada@example.com\","
                + "\"totalCents\":3897,\"createdAt\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"}");

    HttpResponse<String> read = api.get(location);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(created.body());

    assertThat(stockOf("FB-MUG")).isEqualTo(47);
    assertThat(
            queryLong(
                "SELECT COUNT(*) FROM orders WHERE id = "
                    + id
                    + " AND quantity = 3"
                    + " AND email = 'ada@example.com' AND total_cents = 3897"))
        .isEqualTo(1);
  }

  @Test
  void refusesAnOrderLargerThanTheStockAndChangesNothing() throws Exception {
    HttpResponse<String> response =
        api.postJson("/api/orders", "{\"sku\":\"FB-HOODIE\",\"quantity\":26,\"email\":\"a@b.co\"}");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"insufficient_stock\",\"message\":\"only 25 of FB-HOODIE"
                + " left\",\"field\":\"quantity\"}}");
    assertThat(stockOf("FB-HOODIE")).isEqualTo(25);
    assertThat(queryLong("SELECT COUNT(*) FROM orders")).isZero();
  }

  @Test
  void refusesAnOrderForAnUnknownSku() throws Exception {
    HttpResponse<String> response =
        api.postJson("/api/orders", "{\"sku\":\"FB-NOPE\",\"quantity\":1,\"email\":\"a@b.co\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"not_found\",\"message\":\"no product with sku FB-NOPE\","
                + "\"field\":\"sku\"}}");
    assertThat(queryLong("SELECT COUNT(*) FROM orders")).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "not JSON | {sku: | invalid_json | null",
        "array | [1,2] | invalid_json | null",
        "unknown field | {\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"a@b.co\",\"coupon\":\"X\"} | invalid_field | coupon",
        "missing sku | {\"quantity\":1,\"email\":\"a@b.co\"} | invalid_field | sku",
        "numeric sku | {\"sku\":5,\"quantity\":1,\"email\":\"a@b.co\"} | invalid_field | sku",
        "empty sku | {\"sku\":\"\",\"quantity\":1,\"email\":\"a@b.co\"} | invalid_field | sku",
        "missing quantity | {\"sku\":\"FB-MUG\",\"email\":\"a@b.co\"} | invalid_field | quantity",
        "negative quantity | {\"sku\":\"FB-MUG\",\"quantity\":-1,\"email\":\"a@b.co\"} | invalid_field | quantity",
        "zero quantity | {\"sku\":\"FB-MUG\",\"quantity\":0,\"email\":\"a@b.co\"} | invalid_field | quantity",
        "fractional quantity | {\"sku\":\"FB-MUG\",\"quantity\":1.5,\"email\":\"a@b.co\"} | invalid_field | quantity",
        "string quantity | {\"sku\":\"FB-MUG\",\"quantity\":\"1\",\"email\":\"a@b.co\"} | invalid_field | quantity",
        "huge quantity | {\"sku\":\"FB-MUG\",\"quantity\":1001,\"email\":\"a@b.co\"} | invalid_field | quantity",
        "overflowing quantity | {\"sku\":\"FB-MUG\",\"quantity\":99999999999,\"email\":\"a@b.co\"} | invalid_field | quantity",
        "missing email | {\"sku\":\"FB-MUG\",\"quantity\":1} | invalid_field | email",
        "bad email | {\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"not-an-email\"} | invalid_field | email",
        "email without dot | {\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"a@b\"} | invalid_field | email",
        "duplicate key | {\"sku\":\"FB-MUG\",\"sku\":\"FB-TEE\",\"quantity\":1,\"email\":\"a@b.co\"} | invalid_json | null",
      })
  void rejectsInvalidOrdersNamingTheField(String name, String body, String code, String field)
      throws Exception {
    HttpResponse<String> response = api.postJson("/api/orders", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .startsWith("{\"error\":{\"code\":\"" + code + "\",\"message\":\"")
        .endsWith("\",\"field\":" + (field.equals("null") ? "null" : "\"" + field + "\"") + "}}");
    assertThat(queryLong("SELECT COUNT(*) FROM orders")).isZero();
    assertThat(stockOf("FB-MUG")).isEqualTo(50);
  }

  @Test
  void namesTheRuleInTheMessage() throws Exception {
    HttpResponse<String> response =
        api.postJson("/api/orders", "{\"sku\":\"FB-MUG\",\"quantity\":-1,\"email\":\"a@b.co\"}");

    assertThat(response.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"invalid_field\",\"message\":\"quantity must be a whole number"
                + " from 1 to 1000\",\"field\":\"quantity\"}}");
  }

  @Test
  void refusesABodyThatIsNotJson() throws Exception {
    HttpResponse<String> response =
        api.send(
            api.request("/api/orders")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("sku=FB-MUG")));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"unsupported_media_type\",\"message\":\"the body must be"
                + " application/json\",\"field\":null}}");
  }

  @Test
  void refusesAnOversizedBody() throws Exception {
    String padding = "x".repeat(20_000);
    HttpResponse<String> response =
        api.postJson(
            "/api/orders",
            "{\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"a@b.co\",\"pad\":\"" + padding + "\"}");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"code\":\"payload_too_large\"");
  }

  @Test
  void answersUnknownOrdersAndBadIds() throws Exception {
    HttpResponse<String> missing = api.get("/api/orders/999999");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"not_found\",\"message\":\"no order 999999\",\"field\":null}}");

    HttpResponse<String> bad = api.get("/api/orders/abc");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"invalid_field\",\"message\":\"order id must be a positive"
                + " whole number\",\"field\":\"id\"}}");
  }

  @Test
  void answersUnknownPathsAndMethodsInJson() throws Exception {
    HttpResponse<String> unknown = api.get("/api/nothing-here");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("\"code\":\"not_found\"");

    HttpResponse<String> delete = api.send(api.request("/api/products").DELETE());
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(delete.headers().firstValue("Allow")).hasValue("GET");
    assertThat(delete.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"DELETE is not allowed"
                + " here\",\"field\":null}}");
  }

  @Test
  void reportsHealthWithTheDatabaseChecked() throws Exception {
    HttpResponse<String> response = api.get("/api/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"up\",\"database\":\"up\"}");
  }

  @Test
  void reportsUnhealthyAnd503WhenTheDatabaseIsUnreachable() throws Exception {
    DbConnection nowhere =
        new DbConnection("jdbc:mariadb://127.0.0.1:1/foobar?connectTimeout=300", "x", "y");
    try (AppServer orphan = new AppServer(new AppConfig("127.0.0.1", 0, nowhere, 2))) {
      orphan.start();
      ApiClient client = new ApiClient(orphan.port());

      HttpResponse<String> health = client.get("/api/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).isEqualTo("{\"status\":\"down\",\"database\":\"down\"}");

      HttpResponse<String> products = client.get("/api/products");
      assertThat(products.statusCode()).isEqualTo(503);
      assertThat(products.body())
          .isEqualTo(
              "{\"error\":{\"code\":\"database_unavailable\",\"message\":\"the database is not"
                  + " reachable\",\"field\":null}}");
    }
  }

  @Test
  void sellsExactlyTheLastUnitsToConcurrentBuyers() throws Exception {
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        Statement sql = admin.createStatement()) {
      sql.executeUpdate("UPDATE products SET stock = 5 WHERE sku = 'FB-TEE'");
    }
    int buyers = 20;
    ExecutorService pool = Executors.newFixedThreadPool(buyers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> results = new ArrayList<>();
    try {
      for (int i = 0; i < buyers; i++) {
        String email = "buyer" + i + "@example.com";
        Callable<HttpResponse<String>> buy =
            () -> {
              go.await();
              return api.postJson(
                  "/api/orders", "{\"sku\":\"FB-TEE\",\"quantity\":1,\"email\":\"" + email + "\"}");
            };
        results.add(pool.submit(buy));
      }
      go.countDown();
      int created = 0;
      int conflicts = 0;
      for (Future<HttpResponse<String>> result : results) {
        int status = result.get().statusCode();
        if (status == 201) {
          created++;
        } else if (status == 409) {
          conflicts++;
        }
      }
      assertThat(created).isEqualTo(5);
      assertThat(conflicts).isEqualTo(15);
    } finally {
      pool.shutdownNow();
    }
    assertThat(stockOf("FB-TEE")).isZero();
    assertThat(queryLong("SELECT COUNT(*) FROM orders")).isEqualTo(5);
  }

  @Test
  void sendsNoServerVersion() throws Exception {
    HttpResponse<String> response = api.get("/api/health");

    assertThat(response.headers().firstValue("Server")).isEmpty();
  }

  private static int stockOf(String sku) throws SQLException {
    return (int) queryLong("SELECT stock FROM products WHERE sku = '" + sku + "'");
  }

  private static long queryLong(String query) throws SQLException {
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        ResultSet row = admin.createStatement().executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }
}
