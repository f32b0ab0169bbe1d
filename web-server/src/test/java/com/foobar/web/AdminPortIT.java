package com.foobar.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.foobar.web.admin.AdminConfig;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The admin port (Prometheus metrics, the status snapshot) and the access log. */
class AdminPortIT {
  /** What the DNS tier's metrics endpoint says: 42 queries. */
  private static final byte[] DNS_METRICS =
      ("# TYPE foobar_dns_query_duration_seconds histogram\n"
              + "foobar_dns_query_duration_seconds_count{transport=\"udp\"} 40\n"
              + "foobar_dns_query_duration_seconds_count{transport=\"tcp\"} 2\n")
          .getBytes(StandardCharsets.UTF_8);

  private static final HttpServer dnsMetrics = dnsMetricsStandIn();
  private static final AccessLogLines accessLog = new AccessLogLines();
  private static final RequestThreads requestThreads = new RequestThreads();

  @RegisterExtension
  static final RunningWeb web =
      RunningWeb.inFrontOf("alpha", "beta")
          .configured(config -> config.withAccessLog(true).withAdmin(adminReadingTheStandIn()));

  /** An admin port of its own (a free one), its status page reading the DNS stand-in. */
  private static AdminConfig adminReadingTheStandIn() {
    URI dns = URI.create("http://127.0.0.1:" + dnsMetrics.getAddress().getPort() + "/metrics");
    return new AdminConfig("127.0.0.1", 0, dns, "127.0.0.1:53", "127.0.0.1:3306");
  }

  /** A stand-in for the DNS tier's metrics endpoint, there before the web tier that reads it. */
  private static HttpServer dnsMetricsStandIn() {
    try {
      HttpServer dns = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      dns.createContext(
          "/metrics",
          exchange -> {
            exchange.sendResponseHeaders(200, DNS_METRICS.length);
            exchange.getResponseBody().write(DNS_METRICS);
            exchange.close();
          });
      dns.start();
      return dns;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeAll
  static void addAStyleSheetAndWatchTheAccessLog() throws Exception {
    Files.writeString(web.webRoot().resolve("style.css"), "body { color: black }\n");
    Logger access = (Logger) LoggerFactory.getLogger(WebServer.ACCESS_LOGGER);
    accessLog.start();
    access.addAppender(accessLog);
    requestThreads.watch(web.server().jetty());
  }

  @AfterAll
  static void stopTheDnsStandIn() throws Exception {
    requestThreads.stopWatching();
    dnsMetrics.stop(0);
  }

  private static HttpResponse<String> get(WebClient client, String path, String userAgent)
      throws Exception {
    return client.send(
        client
            .request(path)
            .version(HttpClient.Version.HTTP_1_1)
            .header("User-Agent", userAgent)
            .header("Referer", "http://www.foobar.com/"));
  }

  @Test
  void handlesRequestsOnTheThreadThatReadThemWithEveryHandlerInTheChain() throws Exception {
    // A blocking handler anywhere would make Jetty hand every request to a pool thread. Where a
    // request ran shows in the stack of the thread that completes it: Jetty's produce-consume mode
    // (pcRunTask) runs a task on the thread that produced it, the one that read the request.
    assertThat(get(web.client(), "/style.css?on=selector", "test").statusCode()).isEqualTo(200);
    assertThat(requestThreads.stackCompleting("/style.css?on=selector"))
        .as("a static file, served on the thread that read the request")
        .contains(READ_AND_RUN_IN_PLACE);
    assertThat(get(web.client(), "/api/products?on=selector", "test").statusCode()).isEqualTo(200);
    assertThat(requestThreads.stackCompleting("/api/products?on=selector"))
        .as("a proxied answer, passed on by the thread that read it from the instance")
        .contains(READ_AND_RUN_IN_PLACE);
    assertThat(get(web.adminClient(), "/status?on=selector", "test").statusCode()).isEqualTo(200);
    assertThat(requestThreads.stackCompleting("/status?on=selector"))
        .as("an admin page, on the thread that read the request")
        .contains(READ_AND_RUN_IN_PLACE);
    // Not asserted: that a /metrics scrape (declared blocking) leaves the reading thread. Jetty
    // chooses that per task from the threads free at the moment, and on a loaded machine it was
    // seen running one in place (pcRunTask) too: not our handler's doing, so not a test of it.
    assertThat(web.server().invocationType())
        .isEqualTo(org.eclipse.jetty.util.thread.Invocable.InvocationType.NON_BLOCKING);
  }

  private static final String READ_AND_RUN_IN_PLACE =
      "org.eclipse.jetty.util.thread.strategy.AdaptiveExecutionStrategy.pcRunTask";

  @Test
  void exposesRequestUpstreamAndBackendMetricsInPrometheusFormat() throws Exception {
    assertThat(get(web.client(), "/style.css", "test").statusCode()).isEqualTo(200);
    assertThat(get(web.client(), "/api/products", "test").statusCode()).isEqualTo(200);
    assertThat(get(web.client(), "/missing", "test").statusCode()).isEqualTo(404);

    HttpResponse<String> metrics = get(web.adminClient(), "/metrics", "prometheus");
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
                + web.backend("alpha").uri().getHost()
                + ":"
                + web.backend("alpha").uri().getPort()
                + "\"} 1");
  }

  @Test
  void servesTheStatusSnapshotAndPageOnlyOnTheAdminPort() throws Exception {
    get(web.client(), "/api/products", "test");
    String status =
        statusOnceDnsAnswered("\"dns\":{\"address\":\"127.0.0.1:53\",\"up\":true,\"queries\":42,");
    assertThat(status)
        .contains("\"name\":\"app-" + web.backend("alpha").uri().getPort() + "\"")
        .contains("\"healthy\":true")
        .containsPattern(
            "\"web\":\\{\"address\":\"127\\.0\\.0\\.1:\\d+\",\"up\":true,\"requests\":[1-9]");

    HttpResponse<String> page = get(web.adminClient(), "/status", "test");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<script src=\"status.js\" defer></script>");
    assertThat(get(web.adminClient(), "/status.js", "test").body()).contains("status.json");
  }

  @Test
  void theSiteNeverAnswersOnTheAdminPortNorTheAdminPagesOnTheSitesPort() throws Exception {
    for (String adminPath :
        List.of("/metrics", "/status", "/status.json", "/status.js", "/status.css")) {
      HttpResponse<String> onSite = get(web.client(), adminPath, "test");
      assertThat(onSite.statusCode()).as(adminPath + " on the site's port").isEqualTo(404);
      assertThat(onSite.body()).isEqualTo(TestSite.NOT_FOUND); // the site's
    }
    int answeredBefore = answered();
    for (String sitePath : List.of("/index.html", "/style.css", "/api/products", "/404.html")) {
      HttpResponse<String> onAdmin = get(web.adminClient(), sitePath, "test");
      assertThat(onAdmin.statusCode()).as(sitePath + " on the admin port").isEqualTo(404);
      assertThat(onAdmin.body()).doesNotContain(TestSite.INDEX, "body {", "backend=");
    }
    assertThat(answered()).as("no instance asked").isEqualTo(answeredBefore);
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
            HttpResponse<String> status = get(web.adminClient(), "/status.json", "test");
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
    get(web.client(), "/style.css?v=1", "curl/8.0 (access-log-test)");
    assertThat(accessLine("access-log-test"))
        .matches(
            "127\\.0\\.0\\.1 - - \\[[^]]+] \"GET /style\\.css\\?v=1 HTTP/1\\.1\" 200 22"
                + " \"http://www\\.foobar\\.com/\" \"curl/8\\.0 \\(access-log-test\\)\"");

    // Without Referer and User-Agent: "-" for each, as nginx writes them.
    web.rawGet("/style.css?v=no-headers", "localhost");
    assertThat(accessLine("v=no-headers"))
        .endsWith("\"GET /style.css?v=no-headers HTTP/1.1\" 200 22 \"-\" \"-\"");
  }

  @Test
  void escapesWhatCouldForgeOrBreakALineAsNginxDoes() throws Exception {
    // A quote, a tab and a UTF-8 é (sent as its two bytes) in the User-Agent: \xHH each, so a
    // value can neither end its field early nor put a control character or raw byte in the file.
    web.rawExchange(
        "GET /style.css?v=escaped HTTP/1.1\r\nHost: localhost\r\n"
            + "User-Agent: say \"hi\"\tthere \u00c3\u00a9\r\nConnection: close\r\n\r\n",
        null);
    assertThat(accessLine("v=escaped"))
        .endsWith(" 200 22 \"-\" \"say \\x22hi\\x22\\x09there \\xC3\\xA9\"");

    // The same é raw in the request line (Jetty decodes that as UTF-8): the same two bytes.
    web.rawExchange(
        "GET /style.css?v=raw-\u00c3\u00a9 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        null);
    assertThat(accessLine("v=raw-"))
        .contains("\"GET /style.css?v=raw-\\xC3\\xA9 HTTP/1.1\" 200 22 ");
  }

  @Test
  void writesAnEmptyQueryAsTheClientSentIt() throws Exception {
    web.rawExchange(
        "GET /style.css? HTTP/1.1\r\nHost: localhost\r\nUser-Agent: empty-query\r\n"
            + "Connection: close\r\n\r\n",
        null);
    assertThat(accessLine("empty-query")).contains("\"GET /style.css? HTTP/1.1\" 200 22 ");
  }

  /** Requests the echo instances answered. */
  private static int answered() {
    return web.backend("alpha").answered() + web.backend("beta").answered();
  }

  /** The access log line containing {@code marker}, once written (within a second). */
  private static String accessLine(String marker) throws InterruptedException {
    return accessLog.line(marker);
  }

  /** The access log as the logger receives it: lines in batches, one event per batch. */
  private static final class AccessLogLines extends AppenderBase<ILoggingEvent> {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      lines.addAll(List.of(event.getFormattedMessage().split("\n")));
    }

    String line(String marker) throws InterruptedException {
      Await.until(() -> find(marker) != null);
      return find(marker);
    }

    private String find(String marker) {
      return lines.stream().filter(line -> line.contains(marker)).findFirst().orElse(null);
    }
  }

  /**
   * The stack of the thread that completes each request, seen from a request log put beside the
   * shipped access log (which now writes from its own thread, so its logger's stack tells nothing).
   */
  private static final class RequestThreads implements RequestLog {
    private final Map<String, List<String>> stacks = new ConcurrentHashMap<>();
    private LifeCycle shipped;

    void watch(Server jetty) throws Exception {
      shipped = (LifeCycle) jetty.getRequestLog();
      jetty.setRequestLog(new RequestLog.Collection(jetty.getRequestLog(), this));
      shipped.start(); // Jetty stopped it when it was replaced
    }

    void stopWatching() throws Exception {
      shipped.stop();
    }

    @Override
    public void log(Request request, Response response) {
      stacks.put(
          request.getHttpURI().getPathQuery(),
          Arrays.stream(Thread.currentThread().getStackTrace())
              .map(frame -> frame.getClassName() + "." + frame.getMethodName())
              .toList());
    }

    List<String> stackCompleting(String pathQuery) throws InterruptedException {
      Await.until(() -> stacks.containsKey(pathQuery));
      return stacks.get(pathQuery);
    }
  }
}
