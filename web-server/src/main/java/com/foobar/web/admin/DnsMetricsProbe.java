package com.foobar.web.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the DNS tier's query count from its Prometheus endpoint: the counts of its query-latency
 * histogram, which every answered query adds to. Null when the endpoint does not answer.
 */
final class DnsMetricsProbe {
  private static final String QUERIES = "foobar_dns_query_duration_seconds_count";
  private static final Duration TIMEOUT = Duration.ofMillis(800);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final URI endpoint;

  DnsMetricsProbe(URI endpoint) {
    this.endpoint = endpoint;
  }

  Long queries() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return null;
      }
      // One line per transport ({transport="udp"}, {transport="tcp"}): the sum is every query.
      long total = 0;
      boolean found = false;
      for (String line : response.body().split("\n")) {
        if (line.startsWith(QUERIES + "{") || line.startsWith(QUERIES + " ")) {
          total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          found = true;
        }
      }
      return found ? total : null;
    } catch (IOException | NumberFormatException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
