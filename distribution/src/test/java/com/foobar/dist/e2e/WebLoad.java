package com.foobar.dist.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded mixed load through the web tier, as the store's clients make it: product reads and
 * orders. Records every failure, every order id the API confirmed and every order it cancelled, so
 * a test can prove none failed, none was lost and none was placed twice. It runs until closed (at
 * most {@link #LIMIT}), so a test waits for what it needs, not for a count of requests.
 */
final class WebLoad implements AutoCloseable {
  /** Stops the load by itself if a test never closes it. */
  static final Duration LIMIT = Duration.ofMinutes(3);

  private static final Pattern ORDER_ID = Pattern.compile("\"id\":(\\d+)");

  /** Which requests the load makes besides product reads. */
  enum Writes {
    /**
     * Orders with an Idempotency-Key only: what the web tier may safely retry on another instance,
     * so not one may fail even when an instance dies under them.
     */
    RETRYABLE,
    /**
     * Half the orders without an Idempotency-Key, and each of those cancelled by DELETE: requests
     * the web tier never retries, so none fails only if no request reaches a stopping instance.
     */
    UNRETRYABLE_TOO
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI web;
  private final String email;
  private final Writes writes;
  private final int maxOrders;
  private final int orderEvery;
  private final long endNanos = System.nanoTime() + LIMIT.toNanos();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger ordersSent = new AtomicInteger();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final Set<Long> orderIds = ConcurrentHashMap.newKeySet();
  private final Set<Long> cancelledIds = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads;
  private final List<Future<?>> workers = new ArrayList<>();

  /**
   * @param email the orders' email, to find them in the database afterwards
   * @param orderEvery one request in this many is an order, the rest reads
   * @param maxOrders orders to place at most (the product's stock bounds them)
   */
  WebLoad(URI web, int clients, String email, Writes writes, int orderEvery, int maxOrders) {
    this.web = web;
    this.email = email;
    this.writes = writes;
    this.orderEvery = orderEvery;
    this.maxOrders = maxOrders;
    this.threads = Executors.newFixedThreadPool(clients);
    for (int i = 0; i < clients; i++) {
      workers.add(threads.submit(this::run));
    }
  }

  private Void run() throws InterruptedException {
    int n = 0;
    while (running.get() && System.nanoTime() < endNanos) {
      try {
        int order;
        if (n++ % orderEvery == orderEvery - 1
            && (order = ordersSent.incrementAndGet()) <= maxOrders) {
          boolean keyed = writes == Writes.RETRYABLE || order % 2 == 0;
          order(keyed);
        } else {
          read();
        }
      } catch (Exception e) {
        failures.merge(e.toString(), 1, Integer::sum);
      }
      requests.incrementAndGet();
      Thread.sleep(10);
    }
    return null;
  }

  private void read() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(web.resolve("/api/products/FB-STICKER"))
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      failures.merge("GET " + r.statusCode() + " " + r.body(), 1, Integer::sum);
    }
  }

  private void order(boolean keyed) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(web.resolve("/api/orders"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"sku\":\"FB-STICKER\",\"quantity\":1,\"email\":\"" + email + "\"}"));
    if (keyed) {
      request.header("Idempotency-Key", UUID.randomUUID().toString());
    }
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String method = keyed ? "POST" : "POST without a key";
    if (r.statusCode() != 201) {
      failures.merge(method + " " + r.statusCode() + " " + r.body(), 1, Integer::sum);
      return;
    }
    Matcher id = ORDER_ID.matcher(r.body());
    if (!id.find()) {
      failures.merge(method + " 201 without an id: " + r.body(), 1, Integer::sum);
      return;
    }
    long orderId = Long.parseLong(id.group(1));
    if (!orderIds.add(orderId)) {
      failures.merge("the same order id confirmed twice: " + orderId, 1, Integer::sum);
    }
    if (!keyed) {
      cancel(orderId);
    }
  }

  private void cancel(long orderId) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(web.resolve("/api/orders/" + orderId))
                .timeout(Duration.ofSeconds(20))
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 || !r.body().contains("\"status\":\"cancelled\"")) {
      failures.merge("DELETE " + r.statusCode() + " " + r.body(), 1, Integer::sum);
      return;
    }
    cancelledIds.add(orderId);
  }

  /** Waits until the clients have made {@code count} more requests than when called. */
  void awaitMoreRequests(int count) throws Exception {
    awaitMore(count, "requests", requests::get);
  }

  /** Waits until the API has confirmed {@code count} more orders than when called. */
  void awaitMoreConfirmed(int count) throws Exception {
    awaitMore(count, "orders confirmed", orderIds::size);
  }

  private void awaitMore(int count, String what, IntSupplier counter) throws Exception {
    int target = counter.getAsInt() + count;
    Await.until(
        count + " more " + what + " through the web tier",
        LIMIT,
        () -> {
          if (workers.stream().allMatch(Future::isDone)) {
            throw new AssertionError(
                "the load ended before " + count + " more " + what + "; failures: " + failures);
          }
          return counter.getAsInt() >= target;
        });
  }

  /** Stops the clients and waits for their last requests. */
  @Override
  public void close() throws Exception {
    running.set(false);
    for (Future<?> worker : workers) {
      worker.get();
    }
    threads.shutdown();
  }

  int requests() {
    return requests.get();
  }

  Map<String, Integer> failures() {
    return failures;
  }

  /** Orders the API confirmed with 201, each a distinct id. */
  Set<Long> confirmedOrderIds() {
    return orderIds;
  }

  /** Confirmed orders the API then cancelled with 200. */
  Set<Long> cancelledOrderIds() {
    return cancelledIds;
  }

  int confirmed() {
    return orderIds.size();
  }

  String email() {
    return email;
  }
}
