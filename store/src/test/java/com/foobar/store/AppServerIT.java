package com.foobar.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.app.ApiClient;
import com.foobar.app.AppConfig;
import com.foobar.app.AppServer;
import com.foobar.db.DbConnection;
import com.foobar.db.EmbeddedDatabaseFixture;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppServerIT {
  @RegisterExtension static final RunningApp api = new RunningApp(10);

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
                + "\"totalCents\":3897,\"createdAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z\",\"status\":\"placed\"}");
    Instant createdAt =
        Instant.parse(created.body().replaceAll(".*\"createdAt\":\"([^\"]+)\".*", "$1"));
    assertThat(createdAt).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));

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
        "not JSON | {sku: | invalid_json | the body is not valid JSON (line 1, column 2) | null",
        "trailing garbage | {\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"a@b.co\"} x | invalid_json | the body is not valid JSON (line 1, column 48) | null",
        "empty body | `` | invalid_json | the body is empty | null",
        "array | [1,2] | invalid_json | the body must be a JSON object | null",
        "duplicate key | {\"sku\":\"FB-MUG\",\"sku\":\"FB-TEE\",\"quantity\":1,\"email\":\"a@b.co\"} | invalid_json | duplicate field 'sku' | null",
        "unknown field | {\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"a@b.co\",\"coupon\":\"X\"} | invalid_field | unknown field 'coupon' | coupon",
        "missing sku | {\"quantity\":1,\"email\":\"a@b.co\"} | invalid_field | sku is required | sku",
        "null sku | {\"sku\":null,\"quantity\":1,\"email\":\"a@b.co\"} | invalid_field | sku is required | sku",
        "numeric sku | {\"sku\":5,\"quantity\":1,\"email\":\"a@b.co\"} | invalid_field | sku must be a string | sku",
        "empty sku | {\"sku\":\"\",\"quantity\":1,\"email\":\"a@b.co\"} | invalid_field | sku must be 1 to 64 characters | sku",
        "missing quantity | {\"sku\":\"FB-MUG\",\"email\":\"a@b.co\"} | invalid_field | quantity is required | quantity",
        "negative quantity | {\"sku\":\"FB-MUG\",\"quantity\":-1,\"email\":\"a@b.co\"} | invalid_field | quantity must be a whole number from 1 to 1000 | quantity",
        "zero quantity | {\"sku\":\"FB-MUG\",\"quantity\":0,\"email\":\"a@b.co\"} | invalid_field | quantity must be a whole number from 1 to 1000 | quantity",
        "fractional quantity | {\"sku\":\"FB-MUG\",\"quantity\":1.5,\"email\":\"a@b.co\"} | invalid_field | quantity must be a whole number from 1 to 1000 | quantity",
        "string quantity | {\"sku\":\"FB-MUG\",\"quantity\":\"1\",\"email\":\"a@b.co\"} | invalid_field | quantity must be a whole number from 1 to 1000 | quantity",
        "too large quantity | {\"sku\":\"FB-MUG\",\"quantity\":1001,\"email\":\"a@b.co\"} | invalid_field | quantity must be a whole number from 1 to 1000 | quantity",
        "overflowing quantity | {\"sku\":\"FB-MUG\",\"quantity\":99999999999,\"email\":\"a@b.co\"} | invalid_field | quantity must be a whole number from 1 to 1000 | quantity",
        "missing email | {\"sku\":\"FB-MUG\",\"quantity\":1} | invalid_field | email is required | email",
        "numeric email | {\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":7} | invalid_field | email must be a string | email",
        "email without @ | {\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"not-an-email\"} | invalid_field | email must be an address like name@example.com, at most 254 characters | email",
        "email without dot | {\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"a@b\"} | invalid_field | email must be an address like name@example.com, at most 254 characters | email",
        "email with space | {\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"a b@c.de\"} | invalid_field | email must be an address like name@example.com, at most 254 characters | email",
      })
  void rejectsInvalidOrdersWithTheExactErrorAndChangesNothing(
      String name, String body, String code, String message, String field) throws Exception {
    HttpResponse<String> response = api.postJson("/api/orders", body == null ? "" : body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(error(code, message, field.equals("null") ? null : field));
    assertThat(queryLong("SELECT COUNT(*) FROM orders")).isZero();
    assertThat(stockOf("FB-MUG")).isEqualTo(50);
  }

  @Test
  void rejectsAnEmailLongerThan254Characters() throws Exception {
    String email = "a".repeat(245) + "@example.com"; // 257 characters
    String body = "{\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"" + email + "\"}";

    HttpResponse<String> response = api.postJson("/api/orders", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            error(
                "invalid_field",
                "email must be an address like name@example.com, at most 254 characters",
                "email"));
  }

  @Test
  void acceptsAnEmailOfExactly254Characters() throws Exception {
    String email = "a".repeat(242) + "@example.com";
    assertThat(email).hasSize(254);

    HttpResponse<String> response =
        api.postJson(
            "/api/orders", "{\"sku\":\"FB-MUG\",\"quantity\":1000,\"email\":\"" + email + "\"}");

    // 1000 is a valid quantity; the mug's stock of 50 is what refuses it.
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).contains("\"insufficient_stock\"");
  }

  @Test
  void refusesABodyThatIsNotDeclaredAsJson() throws Exception {
    String order = "{\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"a@b.co\"}";
    HttpResponse<String> plain =
        api.send(
            api.request("/api/orders")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(order)));
    HttpResponse<String> undeclared =
        api.send(api.request("/api/orders").POST(HttpRequest.BodyPublishers.ofString(order)));

    for (HttpResponse<String> response : List.of(plain, undeclared)) {
      assertThat(response.statusCode()).isEqualTo(415);
      assertThat(response.body())
          .isEqualTo(error("unsupported_media_type", "the body must be application/json", null));
    }
    assertThat(queryLong("SELECT COUNT(*) FROM orders")).isZero();
  }

  @Test
  void acceptsJsonWithACharsetParameter() throws Exception {
    HttpResponse<String> response =
        api.send(
            api.request("/api/orders")
                .header("Content-Type", "Application/JSON; charset=UTF-8")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"a@b.co\"}")));

    assertThat(response.statusCode()).isEqualTo(201);
  }

  @Test
  void refusesABodyOver16KiB() throws Exception {
    String padding = "x".repeat(20_000);
    HttpResponse<String> response =
        api.postJson(
            "/api/orders",
            "{\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"a@b.co\",\"pad\":\"" + padding + "\"}");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body())
        .isEqualTo(error("payload_too_large", "the body is larger than 16384 bytes", null));
    assertThat(queryLong("SELECT COUNT(*) FROM orders")).isZero();
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
    assertThat(unknown.headers().firstValue("Content-Type"))
        .hasValue("application/json;charset=utf-8");
    assertThat(unknown.body())
        .isEqualTo(error("not_found", "no such resource: /api/nothing-here", null));

    HttpResponse<String> delete = api.send(api.request("/api/products").DELETE());
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(delete.headers().firstValue("Allow")).hasValue("GET");
    assertThat(delete.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"DELETE is not allowed"
                + " here\",\"field\":null}}");
  }

  @Test
  void answersWrongMethodsOnOrdersWith405AndAllow() throws Exception {
    HttpResponse<String> list = api.get("/api/orders");
    assertThat(list.statusCode()).isEqualTo(400);
    assertThat(list.body())
        .isEqualTo(error("invalid_field", "email is required to list orders", "email"));

    HttpResponse<String> post = api.postJson("/api/orders/1", "{}");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, DELETE");
    assertThat(post.body())
        .isEqualTo(error("method_not_allowed", "POST is not allowed here", null));

    HttpResponse<String> health =
        api.send(api.request("/api/health").PUT(HttpRequest.BodyPublishers.noBody()));
    assertThat(health.statusCode()).isEqualTo(405);
    assertThat(health.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void answersARequestJettyCannotParseInJson() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", api.port())) {
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write(
              "GET /api/products HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 400 ");
      assertThat(answer).containsIgnoringCase("Content-Type: application/json");
      assertThat(answer)
          .endsWith(error("bad_request", "the request is malformed", null))
          .doesNotContainIgnoringCase("<html");
    }
  }

  @Test
  void answersAnAmbiguousPathInJson() throws Exception {
    HttpResponse<String> response = api.get("/api/products/%2e%2e%2fx");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json;charset=utf-8");
    assertThat(response.body()).isEqualTo(error("bad_request", "the request is malformed", null));
  }

  @Test
  void reportsHealthWithTheDatabaseChecked() throws Exception {
    HttpResponse<String> response = api.get("/api/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"up\",\"database\":\"up\"}");
  }

  @Test
  void answersTheStacksReservedHealthAsWellAsTheApisOwn() throws Exception {
    HttpResponse<String> response = api.get("/_foobar/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json;charset=utf-8");
    // The container's view: the database, and whether the store itself started.
    assertThat(response.body())
        .isEqualTo("{\"status\":\"up\",\"database\":\"up\",\"application\":\"up\"}");
  }

  @Test
  void answersAJson404ForAnythingElseUnderTheReservedPrefix() throws Exception {
    HttpResponse<String> response = api.get("/_foobar/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo(error("not_found", "no such resource: /_foobar/nothing-here", null));
  }

  @Test
  void reportsUnhealthyAnd503WhenTheDatabaseIsUnreachable() throws Exception {
    DbConnection nowhere =
        new DbConnection("jdbc:mariadb://127.0.0.1:1/foobar?connectTimeout=300", "x", "y");
    try (AppServer orphan =
        new AppServer(new AppConfig("127.0.0.1", 0, nowhere, 2).withWebApp(StoreWar.LOCATION))) {
      orphan.start();
      ApiClient client = new ApiClient(orphan.port());

      HttpResponse<String> health = client.get("/api/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).isEqualTo("{\"status\":\"down\",\"database\":\"down\"}");
      HttpResponse<String> reserved = client.get("/_foobar/health");
      assertThat(reserved.statusCode()).isEqualTo(503);
      assertThat(reserved.body())
          .isEqualTo("{\"status\":\"down\",\"database\":\"down\",\"application\":\"up\"}");

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
      List<String> sold = new ArrayList<>(); // "id email" of each 201
      List<String> refused = new ArrayList<>(); // email of each 409
      for (int i = 0; i < buyers; i++) {
        HttpResponse<String> result = results.get(i).get();
        String email = "buyer" + i + "@example.com";
        if (result.statusCode() == 201) {
          java.util.regex.Matcher id =
              java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(result.body());
          assertThat(id.find()).as(result.body()).isTrue();
          sold.add(id.group(1) + " " + email);
        } else {
          assertThat(result.statusCode()).as(result.body()).isEqualTo(409);
          refused.add(email);
        }
      }
      assertThat(sold).hasSize(5);
      assertThat(refused).hasSize(15);
      // Every 201 has its row, with its buyer; no 409 has one.
      assertThat(rows("SELECT CONCAT(id, ' ', email) FROM orders"))
          .containsExactlyInAnyOrderElementsOf(sold);
    } finally {
      pool.shutdownNow();
    }
    assertThat(stockOf("FB-TEE")).isZero();
  }

  private static List<String> rows(String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        ResultSet row = admin.createStatement().executeQuery(query)) {
      while (row.next()) {
        rows.add(row.getString(1));
      }
    }
    return rows;
  }

  @Test
  void sendsNoServerVersion() throws Exception {
    HttpResponse<String> response = api.get("/api/health");

    assertThat(response.headers().firstValue("Server")).isEmpty();
  }

  private static String error(String code, String message, String field) {
    return "{\"error\":{\"code\":\""
        + code
        + "\",\"message\":\""
        + message.replace("\"", "\\\"")
        + "\",\"field\":"
        + (field == null ? "null" : "\"" + field + "\"")
        + "}}";
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
