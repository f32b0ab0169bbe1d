package com.foobar.web.metrics;

import com.foobar.web.proxy.Backend;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The web tier's Prometheus metrics (Micrometer): requests by route and status with their latency,
 * upstream latency and responses by backend, and each backend's health. Timers are made once per
 * tag combination and cached, so a request only looks one up.
 */
public final class WebMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<Long, Timer> requests = new ConcurrentHashMap<>();
  private final Map<String, Timer> upstreams = new ConcurrentHashMap<>();

  public WebMetrics(List<Backend> backends) {
    for (Backend backend : backends) {
      Gauge.builder("foobar.web.backend.up", backend, b -> b.healthy() ? 1 : 0)
          .description("1 while the app instance is in rotation (its /api/health answers 200)")
          .tag("backend", backend.name())
          .register(registry);
      Gauge.builder("foobar.web.backend.in.flight", backend, Backend::inFlight)
          .description("Requests sent to the app instance whose response is not yet passed on")
          .tag("backend", backend.name())
          .register(registry);
      FunctionCounter.builder("foobar.web.upstream.failures", backend, Backend::failures)
          .description("Requests that could not reach the app instance or timed out")
          .tag("backend", backend.name())
          .register(registry);
    }
  }

  /** One answered request; route is {@code api}, {@code static} or {@code admin}. */
  public void request(String route, int status, long nanos) {
    long key = ((long) route.hashCode() << 16) ^ status;
    requests
        .computeIfAbsent(
            key,
            k ->
                Timer.builder("foobar.web.requests")
                    .description("Requests answered by the web tier")
                    .tag("route", route)
                    .tag("status", Integer.toString(status))
                    .serviceLevelObjectives(
                        Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofMillis(500))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One exchange with an app instance, from sending the request to the end of the response. */
  public void upstream(Backend backend, long nanos) {
    upstreams
        .computeIfAbsent(
            backend.name(),
            name ->
                Timer.builder("foobar.web.upstream")
                    .description("Exchanges with app instances, by backend")
                    .tag("backend", name)
                    .serviceLevelObjectives(
                        Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofMillis(500))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Every request answered so far, for the status page. */
  public long requestCount() {
    long total = 0;
    for (Timer timer : requests.values()) {
      total += timer.count();
    }
    return total;
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
