package com.foobar.dns.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * {@code GET /metrics} in the Prometheus text format, on the JDK's own HTTP server: a scrape every
 * few seconds needs nothing more, and the DNS and database tiers stay free of web dependencies.
 * Meant for loopback or an admin network only.
 */
public final class MetricsEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  public MetricsEndpoint(InetSocketAddress address, Consumer<StringBuilder> metrics)
      throws IOException {
    this("dns-metrics", address, metrics);
  }

  /** {@code threadName}: its one thread's, which answers the scrapes. */
  public MetricsEndpoint(
      String threadName, InetSocketAddress address, Consumer<StringBuilder> metrics)
      throws IOException {
    executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, threadName);
              thread.setDaemon(true);
              return thread;
            });
    server = HttpServer.create(address, 16);
    server.createContext("/metrics", exchange -> answer(exchange, metrics));
    server.setExecutor(executor);
    server.start();
  }

  private static void answer(HttpExchange exchange, Consumer<StringBuilder> metrics)
      throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")
          || !exchange.getRequestURI().getPath().equals("/metrics")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      StringBuilder text = new StringBuilder(4096);
      metrics.accept(text);
      byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
