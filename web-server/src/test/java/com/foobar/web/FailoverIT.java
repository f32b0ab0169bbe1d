package com.foobar.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.web.proxy.Backend;
import com.foobar.web.proxy.Balance;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health-checked load balancing and the one safe retry, against real sockets and backends. */
class FailoverIT {
  @TempDir static Path site;
  private static Path root;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void site() throws Exception {
    root = Files.createDirectories(site.resolve("webroot"));
    Files.writeString(root.resolve("index.html"), "<!doctype html><title>t</title>\n");
    Files.writeString(root.resolve("404.html"), "<!doctype html><title>404</title>\n");
  }

  private static WebServer web(List<URI> backends, Duration interval) throws Exception {
    WebServer web =
        new WebServer(
            new WebConfig("127.0.0.1", 0, root, backends, interval, Duration.ofSeconds(10)));
    web.start();
    return web;
  }

  @Test
  void leastBusySendsMostRequestsToTheInstanceThatAnswersFaster() throws Exception {
    try (EchoBackend slow = new EchoBackend("slow", Duration.ofMillis(100));
        EchoBackend fast = new EchoBackend("fast")) {
      WebConfig roundRobin =
          new WebConfig(
              "127.0.0.1",
              0,
              root,
              List.of(slow.uri(), fast.uri()),
              Duration.ofHours(1),
              Duration.ofSeconds(10));
      WebConfig leastBusy =
          new WebConfig(
              roundRobin.bindHost(),
              0,
              root,
              roundRobin.backends(),
              roundRobin.healthCheckInterval(),
              roundRobin.proxyTimeout(),
              roundRobin.canonicalHost(),
              roundRobin.hostAliases(),
              roundRobin.cacheRules(),
              null,
              false,
              null,
              Balance.LEAST_BUSY);
      try (WebServer web = new WebServer(leastBusy)) {
        web.start();
        Map<String, Integer> byBackend = spread(web, 8, 64);
        // Round-robin would give each 32; the slow one holds its requests 100 ms, so it is the
        // busier one nearly every time a request arrives.
        assertThat(byBackend.getOrDefault("fast", 0)).isGreaterThanOrEqualTo(48);
        assertThat(byBackend.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(64);
        assertThat(web.backends()).allSatisfy(b -> assertThat(b.inFlight()).isZero());
      }
      try (WebServer web = new WebServer(roundRobin)) {
        web.start();
        assertThat(spread(web, 8, 64)).containsEntry("fast", 32).containsEntry("slow", 32);
      }
    }
  }

  /** {@code requests} GETs from {@code clients} threads: how many each backend answered. */
  private static Map<String, Integer> spread(WebServer web, int clients, int requests)
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
                    HttpResponse<String> r =
                        send(web, HttpRequest.newBuilder(at(web, "/api/products")));
                    assertThat(r.statusCode()).isEqualTo(200);
                    String backend = r.body().substring(8, r.body().indexOf('\n'));
                    byBackend.merge(backend, 1, Integer::sum);
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

  private static HttpResponse<String> send(WebServer web, HttpRequest.Builder request)
      throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI at(WebServer web, String path) {
    return URI.create("http://127.0.0.1:" + web.httpPort() + path);
  }

  @Test
  void retriesAGetOnAnotherBackendWhenTheFirstDropsTheConnection() throws Exception {
    try (FlakyBackend flaky = new FlakyBackend();
        EchoBackend alpha = new EchoBackend("alpha");
        WebServer web = web(List.of(flaky.uri(), alpha.uri()), Duration.ofHours(1))) {
      HttpResponse<String> response = send(web, HttpRequest.newBuilder(at(web, "/api/products")));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).startsWith("backend=alpha\nmethod=GET\npath=/api/products\n");
      assertThat(flaky.dropped()).isEqualTo(1);
      assertThat(web.backends().get(0).healthy()).isFalse(); // out until its check passes
    }
  }

  @Test
  void aClientThatGoesAwayMidBodyLeavesTheInstanceInRotation() throws Exception {
    try (EchoBackend alpha = new EchoBackend("alpha");
        WebServer web = web(List.of(alpha.uri()), Duration.ofHours(1))) {
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
        WebServer web = web(List.of(alpha.uri()), Duration.ofHours(1))) {
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

      String answer = RawHttp.exchange(web.httpPort(), head, body.toByteArray());

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
            web(
                List.of(URI.create("http://127.0.0.1:" + stuck.getLocalPort())),
                Duration.ofHours(1))) {
      HttpResponse<String> response =
          send(web, HttpRequest.newBuilder(at(web, "/api/products")).header("Accept", "*/*"));

      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(response.body()).contains("\"code\":\"gateway_timeout\"");
    }
  }

  @Test
  void retriesAPostOnlyWhenItCarriesAnIdempotencyKey() throws Exception {
    String order = "{\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"a@b.c\"}";
    try (FlakyBackend flaky = new FlakyBackend();
        EchoBackend alpha = new EchoBackend("alpha");
        WebServer web = web(List.of(flaky.uri(), alpha.uri()), Duration.ofHours(1))) {
      HttpResponse<String> plain =
          send(
              web,
              HttpRequest.newBuilder(at(web, "/api/orders"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(order)));
      assertThat(plain.statusCode()).isEqualTo(502);
      assertThat(plain.body()).contains("\"code\":\"bad_gateway\"");
      assertThat(flaky.dropped()).isEqualTo(1);
    }
    try (FlakyBackend flaky = new FlakyBackend();
        EchoBackend alpha = new EchoBackend("alpha");
        WebServer web = web(List.of(flaky.uri(), alpha.uri()), Duration.ofHours(1))) {
      HttpResponse<String> keyed =
          send(
              web,
              HttpRequest.newBuilder(at(web, "/api/orders"))
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", "order-42")
                  .POST(HttpRequest.BodyPublishers.ofString(order)));
      assertThat(keyed.statusCode()).isEqualTo(200);
      assertThat(keyed.body())
          .startsWith("backend=alpha\nmethod=POST\npath=/api/orders\nquery=null\nbody=" + order);
      assertThat(flaky.dropped()).isEqualTo(1);
    }
  }

  @Test
  void loseNoGetWhileABackendStopsAndTakeItBackWhenItReturns() throws Exception {
    try (EchoBackend alpha = new EchoBackend("alpha");
        EchoBackend beta = new EchoBackend("beta");
        WebServer web = web(List.of(alpha.uri(), beta.uri()), Duration.ofMillis(200))) {
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger failed = new AtomicInteger();
      AtomicInteger sent = new AtomicInteger();
      Map<String, Integer> failures = new ConcurrentHashMap<>();
      Map<String, AtomicInteger> byBackend = new ConcurrentHashMap<>();
      ExecutorService load = Executors.newFixedThreadPool(4);
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        workers.add(
            load.submit(
                () -> {
                  while (running.get() && sent.get() < 20_000) {
                    sent.incrementAndGet();
                    try {
                      HttpResponse<String> r =
                          send(web, HttpRequest.newBuilder(at(web, "/api/products")));
                      if (r.statusCode() != 200) {
                        failed.incrementAndGet();
                        failures.merge(r.statusCode() + " " + r.body(), 1, Integer::sum);
                      } else {
                        String backend = r.body().substring(8, r.body().indexOf('\n'));
                        byBackend
                            .computeIfAbsent(backend, b -> new AtomicInteger())
                            .incrementAndGet();
                      }
                    } catch (Exception e) {
                      failed.incrementAndGet();
                      failures.merge(e.toString(), 1, Integer::sum);
                    }
                  }
                  return null;
                }));
      }
      try {
        Thread.sleep(500);
        beta.stop();
        Thread.sleep(1500);
        int betaBefore = byBackend.getOrDefault("beta", new AtomicInteger()).get();
        beta.restart();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (byBackend.get("beta").get() == betaBefore && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(byBackend.get("beta").get())
            .as("beta back in rotation within 5 s of restarting")
            .isGreaterThan(betaBefore);
        Thread.sleep(300);
      } finally {
        running.set(false);
        for (Future<?> worker : workers) {
          worker.get();
        }
        load.shutdown();
      }
      assertThat(failures).as("failed GETs out of " + sent.get()).isEmpty();
      assertThat(failed.get()).isZero();
      assertThat(byBackend.get("alpha").get()).isPositive();
    }
  }
}
