package com.foobar.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.app.ApiClient;
import com.foobar.app.AppConfig;
import com.foobar.app.AppServer;
import com.foobar.app.Await;
import com.foobar.db.EmbeddedDatabaseFixture;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The instance's Prometheus endpoint and the request id that follows a request into its logs. */
class AppMetricsIT {
  private static final String PRODUCTS_200 =
      "foobar_app_requests_seconds_count{method=\"GET\",route=\"products\",status=\"200\"}";
  private static final String PRODUCTS_404 =
      "foobar_app_requests_seconds_count{method=\"GET\",route=\"products\",status=\"404\"}";

  @Test
  void countsRequestsByRouteAndStatusAndExposesThePool() throws Exception {
    try (AppServer app =
        new AppServer(
            new AppConfig("127.0.0.1", 0, EmbeddedDatabaseFixture.appConnection(), 3)
                .withWebApp(StoreWar.LOCATION))) {
      app.start();
      ApiClient api = new ApiClient(app.port());
      assertThat(api.get("/api/products/FB-MUG").statusCode()).isEqualTo(200);
      assertThat(api.get("/api/products/NOPE").statusCode()).isEqualTo(404);

      // A request is counted once its response is complete, which the client can see first.
      Await.until(
          "both requests counted",
          () -> {
            String scraped = api.get("/_foobar/metrics").body();
            return scraped.contains(PRODUCTS_200) && scraped.contains(PRODUCTS_404);
          });
      HttpResponse<String> metrics = api.get("/_foobar/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .containsPattern("(?m)^" + Pattern.quote(PRODUCTS_200) + " 1$")
          .containsPattern("(?m)^" + Pattern.quote(PRODUCTS_404) + " 1$")
          .containsPattern("hikaricp_connections_max\\{pool=\"app-\\d+\"} 3");
    }
  }

  @Test
  void theReservedMetricsPathAnswersTheSameTextAsMetrics() throws Exception {
    try (AppServer app =
        new AppServer(
            new AppConfig("127.0.0.1", 0, EmbeddedDatabaseFixture.appConnection(), 2)
                .withWebApp(StoreWar.LOCATION))) {
      app.start();
      ApiClient api = new ApiClient(app.port());
      HttpResponse<String> reserved = api.get("/_foobar/metrics");
      assertThat(reserved.statusCode()).isEqualTo(200);
      assertThat(reserved.headers().firstValue("Content-Type"))
          .hasValue("text/plain;version=0.0.4;charset=utf-8");
      assertThat(reserved.body())
          .containsPattern("hikaricp_connections_max\\{pool=\"app-\\d+\"} 2");
      assertThat(api.get("/_foobar/metrics").body()).contains("hikaricp_connections_max");
    }
  }

  @Test
  void echoesTheWebTiersRequestIdOrMakesOne() throws Exception {
    try (AppServer app =
        new AppServer(
            new AppConfig("127.0.0.1", 0, EmbeddedDatabaseFixture.appConnection(), 2)
                .withWebApp(StoreWar.LOCATION))) {
      app.start();
      ApiClient api = new ApiClient(app.port());
      HttpResponse<String> given =
          api.send(api.request("/api/health").header("X-Request-Id", "req-42.abc").GET());
      assertThat(given.headers().firstValue("X-Request-Id")).hasValue("req-42.abc");

      HttpResponse<String> made =
          api.send(api.request("/api/health").header("X-Request-Id", "bad id\u00e9").GET());
      assertThat(made.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{2,32}");
    }
  }
}
