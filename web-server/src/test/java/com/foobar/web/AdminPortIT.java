package com.foobar.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.foobar.web.admin.AdminConfig;
import com.foobar.web.proxy.BackendSpec;
import com.foobar.web.proxy.Balance;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The admin port (Prometheus metrics, the status snapshot) and the access log. */
class AdminPortIT {
  @TempDir static Path site;
  private static EchoBackend alpha;
  private static EchoBackend beta;
  private static HttpServer dnsMetrics;
  private static WebServer web;
  private static final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();
  private static final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeAll
  static void start() throws Exception {
    Path root = Files.createDirectories(site.resolve("webroot"));
    Files.writeString(root.resolve("index.html"), "<!doctype html><title>t</title>\n");
    Files.writeString(root.resolve("404.html"), "<!doctype html><title>404</title>\n");
    Files.writeString(root.resolve("style.css"), "body { color: black }\n");
    alpha = new EchoBackend("alpha");
    beta = new EchoBackend("beta");
    // A stand-in for the DNS tier's metrics endpoint.
    dnsMetrics = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    dnsMetrics.createContext(
        "/metrics",
        exchange -> {
          byte[] body =
              ("# TYPE foobar_dns_query_duration_seconds histogram\n"
                      + "foobar_dns_query_duration_seconds_count{transport=\"udp\"} 40\n"
                      + "foobar_dns_query_duration_seconds_count{transport=\"tcp\"} 2\n")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    dnsMetrics.start();
    Logger access = (Logger) LoggerFactory.getLogger(WebServer.ACCESS_LOGGER);
    accessLog.start();
    access.addAppender(accessLog);
    URI dns = URI.create("http://127.0.0.1:" + dnsMetrics.getAddress().getPort() + "/metrics");
    web =
        new WebServer(
            new WebConfig(
                "127.0.0.1",
                0,
                root,
                List.of(BackendSpec.of(alpha.uri()), BackendSpec.of(beta.uri())),
                Duration.ofMillis(200),
                Duration.ofSeconds(10),
                "www.foobar.com",
                List.of("foobar.com"),
                "",
                null,
                true,
                new AdminConfig("127.0.0.1", 0, dns, "127.0.0.1:53", "127.0.0.1:3306"),
                Balance.ROUND_ROBIN));
    web.start();
  }

  @AfterAll
  static void stop() throws Exception {
    web.close();
    alpha.close();
    beta.close();
    dnsMetrics.stop(0);
  }

  private static HttpResponse<String> get(int port, String path, String userAgent)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("User-Agent", userAgent)
            .header("Referer", "http://www.foobar.com/")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void handlesRequestsOnTheThreadThatReadThemWithEveryHandlerInTheChain() {
    // A blocking handler anywhere would make Jetty hand every request to a pool thread.
    assertThat(web.invocationType())
        .isEqualTo(org.eclipse.jetty.util.thread.Invocable.InvocationType.NON_BLOCKING);
  }

  @Test
  void exposesRequestUpstreamAndBackendMetricsInPrometheusFormat() throws Exception {
    assertThat(get(web.httpPort(), "/style.css", "test").statusCode()).isEqualTo(200);
    assertThat(get(web.httpPort(), "/api/products", "test").statusCode()).isEqualTo(200);
    assertThat(get(web.httpPort(), "/missing", "test").statusCode()).isEqualTo(404);

    HttpResponse<String> metrics = get(web.adminPort(), "/metrics", "prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(metrics.body())
        .containsPattern(
            "foobar_web_requests_seconds_count\\{route=\"static\",status=\"200\"} [1-9]")
        .containsPattern(
            "foobar_web_requests_seconds_count\\{route=\"static\",status=\"404\"} [1-9]")
        .containsPattern("foobar_web_requests_seconds_count\\{route=\"api\",status=\"200\"} [1-9]")
        .containsPattern("foobar_web_upstream_failures_total\\{backend=\"127\\.0\\.0\\.1:\\d+\"} 0")
        .containsPattern("foobar_web_backend_in_flight\\{backend=\"127\\.0\\.0\\.1:\\d+\"} 0")
        .containsPattern(
            "foobar_web_upstream_seconds_count\\{backend=\"127\\.0\\.0\\.1:\\d+\",status=\"200\"} [1-9]")
        .contains(
            "foobar_web_backend_up{backend=\""
                + alpha.uri().getHost()
                + ":"
                + alpha.uri().getPort()
                + "\"} 1");
  }

  @Test
  void servesTheStatusSnapshotAndPageOnlyOnTheAdminPort() throws Exception {
    get(web.httpPort(), "/api/products", "test");
    HttpResponse<String> status = get(web.adminPort(), "/status.json", "test");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body())
        .contains("\"dns\":{\"address\":\"127.0.0.1:53\",\"up\":true,\"queries\":42,")
        .contains("\"name\":\"app-" + alpha.uri().getPort() + "\"")
        .contains("\"healthy\":true")
        .containsPattern(
            "\"web\":\\{\"address\":\"127\\.0\\.0\\.1:\\d+\",\"up\":true,\"requests\":[1-9]");

    HttpResponse<String> page = get(web.adminPort(), "/status", "test");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<script src=\"status.js\" defer></script>");
    assertThat(get(web.adminPort(), "/status.js", "test").body()).contains("status.json");

    assertThat(get(web.httpPort(), "/metrics", "test").statusCode()).isEqualTo(404);
    assertThat(get(web.httpPort(), "/status.json", "test").statusCode()).isEqualTo(404);
    assertThat(get(web.adminPort(), "/index.html", "test").statusCode()).isEqualTo(404);
  }

  @Test
  void logsEachRequestInNcsaCombinedFormat() throws Exception {
    get(web.httpPort(), "/style.css?v=1", "curl/8.0 (access-log-test)");
    assertThat(accessLine("access-log-test"))
        .matches(
            "127\\.0\\.0\\.1 - - \\[[^]]+] \"GET /style\\.css\\?v=1 HTTP/1\\.1\" 200 22"
                + " \"http://www\\.foobar\\.com/\" \"curl/8\\.0 \\(access-log-test\\)\"");

    // Without Referer and User-Agent: "-" for each, as nginx writes them.
    RawHttp.get(web.httpPort(), "/style.css?v=no-headers", "localhost");
    assertThat(accessLine("v=no-headers"))
        .endsWith("\"GET /style.css?v=no-headers HTTP/1.1\" 200 22 \"-\" \"-\"");
  }

  /** The access log line containing {@code marker}, once written (null after 5 s). */
  private static String accessLine(String marker) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      String line =
          accessLog.list.stream()
              .map(ILoggingEvent::getFormattedMessage)
              .filter(m -> m.contains(marker))
              .findFirst()
              .orElse(null);
      if (line != null) {
        return line;
      }
      Thread.sleep(20);
    }
    return null;
  }
}
