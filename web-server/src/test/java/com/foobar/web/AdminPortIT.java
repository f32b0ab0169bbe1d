package com.foobar.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private static final AccessLog accessLog = new AccessLog();
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
                Duration.ofHours(1), // checked once at the start: no check to time out under load
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
  void handlesRequestsOnTheThreadThatReadThemWithEveryHandlerInTheChain() throws Exception {
    // A blocking handler anywhere would make Jetty hand every request to a pool thread. Where a
    // request ran shows in the stack that writes its access log line: Jetty's produce-consume mode
    // (pcRunTask) runs a task on the thread that produced it, the one that read the request.
    assertThat(get(web.httpPort(), "/style.css?on=selector", "test").statusCode()).isEqualTo(200);
    assertThat(accessLog.entry("/style.css?on=selector").stack())
        .as("a static file, served on the thread that read the request")
        .contains(READ_AND_RUN_IN_PLACE);
    assertThat(get(web.httpPort(), "/api/products?on=selector", "test").statusCode())
        .isEqualTo(200);
    assertThat(accessLog.entry("/api/products?on=selector").stack())
        .as("a proxied answer, passed on by the thread that read it from the instance")
        .contains(READ_AND_RUN_IN_PLACE);
    assertThat(get(web.adminPort(), "/status?on=selector", "test").statusCode()).isEqualTo(200);
    assertThat(accessLog.entry("/status?on=selector").stack())
        .as("an admin page, on the thread that read the request")
        .contains(READ_AND_RUN_IN_PLACE);
    // Not asserted: that a /metrics scrape (declared blocking) leaves the reading thread. Jetty
    // chooses that per task from the threads free at the moment, and on a loaded machine it was
    // seen running one in place (pcRunTask) too: not our handler's doing, so not a test of it.
    assertThat(web.invocationType())
        .isEqualTo(org.eclipse.jetty.util.thread.Invocable.InvocationType.NON_BLOCKING);
  }

  private static final String READ_AND_RUN_IN_PLACE =
      "org.eclipse.jetty.util.thread.strategy.AdaptiveExecutionStrategy.pcRunTask";

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
    String status =
        statusOnceDnsAnswered("\"dns\":{\"address\":\"127.0.0.1:53\",\"up\":true,\"queries\":42,");
    assertThat(status)
        .contains("\"name\":\"app-" + alpha.uri().getPort() + "\"")
        .contains("\"healthy\":true")
        .containsPattern(
            "\"web\":\\{\"address\":\"127\\.0\\.0\\.1:\\d+\",\"up\":true,\"requests\":[1-9]");

    HttpResponse<String> page = get(web.adminPort(), "/status", "test");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<script src=\"status.js\" defer></script>");
    assertThat(get(web.adminPort(), "/status.js", "test").body()).contains("status.json");
  }

  @Test
  void theSiteNeverAnswersOnTheAdminPortNorTheAdminPagesOnTheSitesPort() throws Exception {
    for (String adminPath :
        List.of("/metrics", "/status", "/status.json", "/status.js", "/status.css")) {
      HttpResponse<String> onSite = get(web.httpPort(), adminPath, "test");
      assertThat(onSite.statusCode()).as(adminPath + " on the site's port").isEqualTo(404);
      assertThat(onSite.body()).isEqualTo("<!doctype html><title>404</title>\n"); // the site's
    }
    int answeredBefore = alpha.answered() + beta.answered();
    for (String sitePath : List.of("/index.html", "/style.css", "/api/products", "/404.html")) {
      HttpResponse<String> onAdmin = get(web.adminPort(), sitePath, "test");
      assertThat(onAdmin.statusCode()).as(sitePath + " on the admin port").isEqualTo(404);
      assertThat(onAdmin.body()).doesNotContain("<title>t</title>", "body {", "backend=");
    }
    assertThat(alpha.answered() + beta.answered())
        .as("no instance asked")
        .isEqualTo(answeredBefore);
  }

  /**
   * status.json once its DNS part shows {@code dns}: the probe has a timeout of its own (800 ms),
   * which a busy machine may outlast; the snapshot then rightly says the tier did not answer, and
   * the next one asks again.
   */
  private static String statusOnceDnsAnswered(String dns) throws Exception {
    String[] body = new String[1];
    Await.until(
        () -> {
          try {
            HttpResponse<String> status = get(web.adminPort(), "/status.json", "test");
            body[0] = status.body();
            return status.statusCode() == 200 && body[0].contains(dns);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    return body[0];
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

  /** The access log line containing {@code marker}, once written. */
  private static String accessLine(String marker) throws InterruptedException {
    return accessLog.entry(marker).line();
  }

  /**
   * The access log as it is written: each line with the methods on the stack of the thread that
   * wrote it, which is the thread that completed the request.
   */
  private static final class AccessLog extends AppenderBase<ILoggingEvent> {
    record Entry(String line, List<String> stack) {}

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      List<String> stack =
          Arrays.stream(Thread.currentThread().getStackTrace())
              .map(frame -> frame.getClassName() + "." + frame.getMethodName())
              .toList();
      entries.add(new Entry(event.getFormattedMessage(), stack));
    }

    /** The entry whose line contains {@code marker}; Jetty writes it just after the response. */
    Entry entry(String marker) throws InterruptedException {
      Await.until(() -> find(marker) != null);
      return find(marker);
    }

    private Entry find(String marker) {
      return entries.stream().filter(e -> e.line().contains(marker)).findFirst().orElse(null);
    }
  }
}
