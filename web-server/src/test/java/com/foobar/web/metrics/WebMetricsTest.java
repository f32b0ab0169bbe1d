package com.foobar.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebMetricsTest {
  @Test
  void countsEachRouteAndStatusUnderItsOwnLabels() {
    WebMetrics metrics = new WebMetrics(List.of());

    metrics.request(WebMetrics.Route.API, 200, 1_000_000);
    metrics.request(WebMetrics.Route.API, 200, 1_000_000);
    metrics.request(WebMetrics.Route.STATIC, 599, 1_000_000);
    metrics.request(WebMetrics.Route.ADMIN, 0, 1_000_000); // never sent: not an HTTP status

    assertThat(metrics.scrape())
        .contains("foobar_web_requests_seconds_count{route=\"api\",status=\"200\"} 2")
        .contains("foobar_web_requests_seconds_count{route=\"static\",status=\"599\"} 1")
        .contains("foobar_web_requests_seconds_count{route=\"admin\",status=\"0\"} 1")
        .doesNotContain("route=\"static\",status=\"200\"");
    assertThat(metrics.requestCount()).isEqualTo(4);
  }
}
