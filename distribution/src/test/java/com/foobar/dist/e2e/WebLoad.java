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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded mixed load through the web tier, as the store's clients make it: product reads and
 * orders, each order with its own Idempotency-Key. Records every failure and every order id the API
 * confirmed, so a test can prove none failed, none was lost and none was placed twice.
 */
final class WebLoad implements AutoCloseable {
  private static final Pattern ORDER_ID = Pattern.compile("\"id\":(\\d+)");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI web;
  private final String email;
  private final int maxOrders;
  private final int orderEvery;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger ordersSent = new AtomicInteger();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final Set<Long> orderIds = ConcurrentHashMap.newKeySet();
  private final AtomicInteger confirmed = new AtomicInteger();
  private final ExecutorService threads;
  private final List<Future<?>> workers = new ArrayList<>();

  /**
   * @param email the orders' email, to find them in the database afterwards
   * @param orderEvery one request in this many is an order, the rest reads
   * @param maxOrders orders to place at most (the product's stock bounds them)
   */
  WebLoad(URI web, int clients, String email, int orderEvery, int maxOrders) {
    this.web = web;
    this.email = email;
    this.orderEvery = orderEvery;
    this.maxOrders = maxOrders;
    this.threads = Executors.newFixedThreadPool(clients);
    for (int i = 0; i < clients; i++) {
      workers.add(threads.submit(this::run));
    }
  }

  private Void run() throws InterruptedException {
    int n = 0;
    while (running.get() && requests.get() < 50_000) {
      requests.incrementAndGet();
      try {
        if (n++ % orderEvery == orderEvery - 1 && ordersSent.incrementAndGet() <= maxOrders) {
          order();
        } else {
          read();
        }
      } catch (Exception e) {
        failures.merge(e.toString(), 1, Integer::sum);
      }
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

  private void order() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(web.resolve("/api/orders"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"sku\":\"FB-STICKER\",\"quantity\":1,\"email\":\"" + email + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      failures.merge("POST " + r.statusCode() + " " + r.body(), 1, Integer::sum);
      return;
    }
    Matcher id = ORDER_ID.matcher(r.body());
    if (!id.find()) {
      failures.merge("POST 201 without an id: " + r.body(), 1, Integer::sum);
      return;
    }
    confirmed.incrementAndGet();
    if (!orderIds.add(Long.parseLong(id.group(1)))) {
      failures.merge("the same order id confirmed twice: " + id.group(1), 1, Integer::sum);
    }
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

  int confirmed() {
    return confirmed.get();
  }

  String email() {
    return email;
  }
}
