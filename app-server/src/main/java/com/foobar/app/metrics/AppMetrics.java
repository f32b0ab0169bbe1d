package com.foobar.app.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One app instance's Prometheus metrics (Micrometer): requests by route and status with latency,
 * and HikariCP's own pool metrics (active, idle, pending, acquire and usage times, timeouts).
 */
public final class AppMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  /** Adds the pool's metrics (HikariCP allows it on a running pool). */
  public void watch(HikariDataSource pool) {
    pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
  }

  void request(String route, String method, int status, long nanos) {
    timers
        .computeIfAbsent(
            route + ' ' + method + ' ' + status,
            key ->
                Timer.builder("foobar.app.requests")
                    .description("API requests answered by this instance")
                    .tag("route", route)
                    .tag("method", method)
                    .tag("status", Integer.toString(status))
                    .serviceLevelObjectives(
                        Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofMillis(500))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  public String scrape() {
    return registry.scrape();
  }
}
