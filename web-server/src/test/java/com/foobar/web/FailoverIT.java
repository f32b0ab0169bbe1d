package com.foobar.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.web.proxy.Backend;
import com.foobar.web.proxy.Balance;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health-checked load balancing and the one safe retry, against real sockets and backends. */
class FailoverIT {
  @TempDir static Path site;
  private static Path root;

  @BeforeAll
  static void site() throws Exception {
    root = TestSite.in(site);
  }

  /**
   * The site in front of these instances, their health checked once at the start: a periodic check
   * could time out on a loaded machine and take an instance out of rotation mid-test.
   */
  private static WebConfig inFrontOf(URI... backends) {
    return WebConfig.serving(root)
        .withBackendUris(List.of(backends))
        .withHealthCheckInterval(Duration.ofHours(1));
  }

  @Test
  void leastBusySendsEveryRequestToTheIdleInstanceWhileTheOtherIsBusy() throws Exception {
    try (EchoBackend slow = EchoBackend.holding("slow");
        EchoBackend fast = new EchoBackend("fast")) {
      WebConfig roundRobin = inFrontOf(slow.uri(), fast.uri());
      try (WebServer web = new WebServer(roundRobin.withBalance(Balance.LEAST_BUSY))) {
        web.start();
        WebClient client = new WebClient(web.httpPort());
        Backend fastSide = web.backends().get(1);
        // Equals are taken in turn, so one of the first two requests goes to the slow one, which
        // holds it. Each request waits until the fast one's last answer has left the proxy: its
        // in-flight count drops just after the client has the answer.
        List<CompletableFuture<HttpResponse<String>>> first = new ArrayList<>();
        while (slow.held() == 0 && first.size() < 2) {
          Await.until(() -> fastSide.inFlight() == 0);
          CompletableFuture<HttpResponse<String>> sent =
              client.sendAsync(client.request("/api/products"));
          Await.until(() -> slow.held() == 1 || sent.isDone());
          first.add(sent);
        }
        assertThat(slow.held()).as("the slow one holds one of the first two").isEqualTo(1);

        for (int i = 0; i < 20; i++) { // one in flight on the slow one, none on the fast one
          Await.until(() -> fastSide.inFlight() == 0);
          CompletableFuture<HttpResponse<String>> sent =
              client.sendAsync(client.request("/api/products"));
          Await.until(() -> sent.isDone() || slow.held() > 1);
          assertThat(slow.held()).as("requests the busy instance holds, after " + i).isEqualTo(1);
          assertThat(backendOf(sent.get())).isEqualTo("fast");
        }
        slow.release();
        List<String> answeredFirst = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> sent : first) {
          answeredFirst.add(backendOf(sent.get(10, TimeUnit.SECONDS)));
        }
        assertThat(answeredFirst).contains("slow").doesNotHaveDuplicates();
        Await.until(() -> web.backends().stream().allMatch(b -> b.inFlight() == 0));
      }
      try (WebServer web = new WebServer(roundRobin)) {
        web.start();
        // Each in turn, however fast each answers.
        assertThat(spread(new WebClient(web.httpPort()), 8, 64))
            .containsEntry("fast", 32)
            .containsEntry("slow", 32);
      }
    }
  }

  /** The backend= line of an echo. */
  private static String backendOf(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body().substring("backend=".length(), response.body().indexOf('\n'));
  }

  /** {@code requests} GETs from {@code clients} threads: how many each backend answered. */
  private static Map<String, Integer> spread(WebClient client, int clients, int requests)
      throws Exception {
    Map<String, Integer> byBackend = new ConcurrentHashMap<>();
    AtomicInteger left = new AtomicInteger(requests);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        workers.add(
            pool.submit(
                () -> {
                  while (left.getAndDecrement() > 0) {
                    HttpResponse<String> r = client.get("/api/products");
                    byBackend.merge(backendOf(r), 1, Integer::sum);
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return byBackend;
  }

  @Test
  void retriesAGetOnAnotherBackendWhenTheFirstDropsTheConnection() throws Exception {
    try (FlakyBackend flaky = new FlakyBackend();
        EchoBackend alpha = new EchoBackend("alpha");
        WebServer web = new WebServer(inFrontOf(flaky.uri(), alpha.uri()))) {
      web.start();
      HttpResponse<String> response = new WebClient(web.httpPort()).get("/api/products");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).startsWith("backend=alpha\nmethod=GET\npath=/api/products\n");
      assertThat(flaky.dropped()).isEqualTo(1);
      assertThat(web.backends().get(0).healthy()).isFalse(); // out until its check passes
    }
  }

  @Test
  void aClientThatGoesAwayMidBodyLeavesTheInstanceInRotation() throws Exception {
    try (EchoBackend alpha = new EchoBackend("alpha");
        WebServer web = new WebServer(inFrontOf(alpha.uri()))) {
      web.start();
      Backend backend = web.backends().get(0);
      try (Socket client = new Socket("127.0.0.1", web.httpPort())) {
        client
            .getOutputStream()
            .write(
                ("POST /api/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n{\"sku\"\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        Await.until(() -> backend.inFlight() == 1); // the body is streaming to the instance
      } // gone before the last chunk
      Await.until(() -> backend.inFlight() == 0);

      assertThat(backend.healthy()).isTrue();
      assertThat(backend.failures()).isZero();
    }
  }

  @Test
  void aChunkedBodyOverTheLimitIs413AndNotTheInstancesFault() throws Exception {
    try (EchoBackend alpha = new EchoBackend("alpha");
        WebServer web = new WebServer(inFrontOf(alpha.uri()))) {
      web.start();
      String head =
          "POST /api/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
      byte[] chunk = new byte[64 * 1024];
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (int i = 0; i < 17; i++) { // 1.06 MiB, over the 1 MiB limit
        body.writeBytes("10000\r\n".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(chunk);
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      body.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

      String answer = new WebClient(web.httpPort()).rawExchange(head, body.toByteArray());

      assertThat(answer).startsWith("HTTP/1.1 413 ");
      assertThat(answer).contains("\"code\":\"payload_too_large\"");
      Await.until(() -> web.backends().get(0).inFlight() == 0);
      assertThat(web.backends().get(0).healthy()).isTrue();
      assertThat(web.backends().get(0).failures()).isZero();
    }
  }

  @Test
  void anInstanceThatNeverAcceptsIsAGatewayTimeout() throws Exception {
    // A listener whose accept queue is full: the kernel drops further SYNs, the connect hangs.
    try (ServerSocket stuck = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket first = new Socket("127.0.0.1", stuck.getLocalPort());
        Socket second = new Socket("127.0.0.1", stuck.getLocalPort());
        WebServer web =
            new WebServer(inFrontOf(URI.create("http://127.0.0.1:" + stuck.getLocalPort())))) {
      web.start();
      WebClient client = new WebClient(web.httpPort());
      HttpResponse<String> response =
          client.send(client.request("/api/products").header("Accept", "*/*"));

      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(response.body()).contains("\"code\":\"gateway_timeout\"");
    }
  }

  @Test
  void retriesAPostOnlyWhenItCarriesAnIdempotencyKey() throws Exception {
    HttpResponse<String> plain = postOrderFirstToAnInstanceThatDropsIt(request -> request);
    assertThat(plain.statusCode()).isEqualTo(502);
    assertThat(plain.body()).contains("\"code\":\"bad_gateway\"");

    HttpResponse<String> keyed =
        postOrderFirstToAnInstanceThatDropsIt(
            request -> request.header("Idempotency-Key", "order-42"));
    assertThat(keyed.statusCode()).isEqualTo(200);
    assertThat(keyed.body())
        .startsWith("backend=alpha\nmethod=POST\npath=/api/orders\nquery=null\nbody=" + ORDER);
  }

  private static final String ORDER = "{\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"a@b.c\"}";

  /**
   * The answer to an order POSTed, with {@code headers}, to a tier of its own whose first instance
   * drops it and whose second (alpha) answers.
   */
  private static HttpResponse<String> postOrderFirstToAnInstanceThatDropsIt(
      UnaryOperator<HttpRequest.Builder> headers) throws Exception {
    try (FlakyBackend flaky = new FlakyBackend();
        EchoBackend alpha = new EchoBackend("alpha");
        WebServer web = new WebServer(inFrontOf(flaky.uri(), alpha.uri()))) {
      web.start();
      WebClient client = new WebClient(web.httpPort());
      HttpResponse<String> response =
          client.send(
              headers.apply(
                  client
                      .request("/api/orders")
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(ORDER))));
      assertThat(flaky.dropped()).as("dropped by the first instance").isEqualTo(1);
      return response;
    }
  }

  @Test
  void loseNoGetWhileABackendStopsAndTakeItBackWhenItReturns() throws Exception {
    try (EchoBackend alpha = new EchoBackend("alpha");
        EchoBackend beta = new EchoBackend("beta");
        WebServer web =
            new WebServer(
                inFrontOf(alpha.uri(), beta.uri())
                    .withHealthCheckInterval(Duration.ofMillis(200)))) {
      web.start();
      Backend betaSide = web.backends().get(1);
      try (SteadyLoad load = new SteadyLoad(new WebClient(web.httpPort()), 4)) {
        Await.until(() -> alpha.answered() > 0 && beta.answered() > 0);
        beta.stop();
        int betaBefore = beta.answered(); // stopped: it answers nothing more until it restarts
        int sentWhileStopped = load.answered();
        // Out of rotation, and the load went on meanwhile, refused by beta until it was.
        Await.until(() -> !betaSide.healthy() && load.answered() > sentWhileStopped + 100);

        beta.restart();

        // Back in rotation once a check passes; under load the 200 ms check may time out a few
        // times first.
        Await.until(Duration.ofSeconds(30), () -> beta.answered() > betaBefore);
        assertThat(load.stop()).as("failed GETs out of " + load.answered()).isEmpty();
      }
    }
  }

  /**
   * GETs of /api/products from a few threads, one after another on each, until stopped: how many
   * were answered 200, and the rest by what went wrong.
   */
  private static final class SteadyLoad implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger answered = new AtomicInteger();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final ExecutorService threads;
    private final List<Future<?>> workers = new ArrayList<>();

    SteadyLoad(WebClient client, int clients) {
      threads = Executors.newFixedThreadPool(clients);
      for (int i = 0; i < clients; i++) {
        workers.add(
            threads.submit(
                () -> {
                  while (running.get()) {
                    get(client);
                  }
                  return null;
                }));
      }
    }

    private void get(WebClient client) {
      try {
        HttpResponse<String> r = client.get("/api/products");
        if (r.statusCode() == 200) {
          answered.incrementAndGet();
        } else {
          failures.merge(r.statusCode() + " " + r.body(), 1, Integer::sum);
        }
      } catch (Exception e) {
        failures.merge(e.toString(), 1, Integer::sum);
      }
    }

    int answered() {
      return answered.get();
    }

    /** Stops once each thread's request in hand is done: the failures, by what went wrong. */
    Map<String, Integer> stop() throws Exception {
      running.set(false);
      for (Future<?> worker : workers) {
        worker.get(30, TimeUnit.SECONDS);
      }
      return failures;
    }

    @Override
    public void close() {
      running.set(false);
      threads.shutdownNow();
    }
  }
}
