package com.foobar.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.db.EmbeddedDatabaseFixture;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cancelling orders, a customer's order list and paging through lists. */
class OrderLifecycleIT {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
  @RegisterExtension static final RunningApp api = new RunningApp(4);

  private static String place(String sku, int quantity, String email) throws Exception {
    HttpResponse<String> created =
        api.postJson(
            "/api/orders",
            "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"email\":\"" + email + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return created.headers().firstValue("Location").orElseThrow();
  }

  @Test
  void cancellingGivesTheUnitsBackOnceHoweverOftenItIsAsked() throws Exception {
    String order = place("FB-HOODIE", 5, "ada@example.com");
    assertThat(stock("FB-HOODIE")).isEqualTo(20);

    HttpResponse<String> cancelled = api.send(api.request(order).DELETE());
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(cancelled.body()).contains("\"quantity\":5", "\"status\":\"cancelled\"");
    assertThat(stock("FB-HOODIE")).isEqualTo(25);

    HttpResponse<String> again = api.send(api.request(order).DELETE());
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(cancelled.body());
    assertThat(stock("FB-HOODIE")).isEqualTo(25);
    assertThat(api.get(order).body()).isEqualTo(cancelled.body());

    HttpResponse<String> missing = api.send(api.request("/api/orders/999999").DELETE());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"not_found\",\"message\":\"no order 999999\",\"field\":null}}");
  }

  @Test
  void listsACustomersOrdersNewestFirstPageByPage() throws Exception {
    List<String> placed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      placed.add(place("FB-STICKER", 1, "grace@example.com"));
    }
    place("FB-STICKER", 1, "someone.else@example.com");

    List<Long> seen = new ArrayList<>();
    String next = "/api/orders?email=grace%40example.com&limit=2";
    int pages = 0;
    while (next != null) {
      HttpResponse<String> page = api.get(next);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      Matcher ids = Pattern.compile("\"id\":(\\d+)").matcher(page.body());
      while (ids.find()) {
        seen.add(Long.parseLong(ids.group(1)));
      }
      assertThat(page.body()).doesNotContain("someone.else");
      Matcher link = NEXT.matcher(page.headers().firstValue("Link").orElse(""));
      next = link.find() ? link.group(1) : null;
      pages++;
    }
    List<Long> expected = new ArrayList<>();
    for (int i = placed.size() - 1; i >= 0; i--) {
      expected.add(Long.parseLong(placed.get(i).substring("/api/orders/".length())));
    }
    assertThat(seen).isEqualTo(expected);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void pagesThroughTheProductsBySkuAndRefusesABadCursorOrLimit() throws Exception {
    HttpResponse<String> first = api.get("/api/products?limit=3");
    assertThat(first.body()).contains("FB-HOODIE", "FB-MUG", "FB-STICKER").doesNotContain("FB-TEE");
    Matcher link = NEXT.matcher(first.headers().firstValue("Link").orElseThrow());
    assertThat(link.find()).isTrue();
    HttpResponse<String> second = api.get(link.group(1));
    assertThat(second.body()).startsWith("[{\"sku\":\"FB-TEE\"").doesNotContain("FB-MUG");
    assertThat(second.headers().firstValue("Link")).isEmpty();
    assertThat(api.get("/api/products").headers().firstValue("Link")).isEmpty();

    HttpResponse<String> badLimit = api.get("/api/products?limit=0");
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(badLimit.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"invalid_field\",\"message\":\"limit must be a whole number"
                + " from 1 to 100\",\"field\":\"limit\"}}");
    HttpResponse<String> badCursor = api.get("/api/products?cursor=not*base64");
    assertThat(badCursor.statusCode()).isEqualTo(400);
    assertThat(badCursor.body()).contains("\"field\":\"cursor\"");
  }

  private static int stock(String sku) throws SQLException {
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        ResultSet row =
            admin
                .createStatement()
                .executeQuery("SELECT stock FROM products WHERE sku = '" + sku + "'")) {
      row.next();
      return row.getInt(1);
    }
  }
}
