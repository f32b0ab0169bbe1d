package com.foobar.web.metrics;

import com.foobar.web.acme.ManagedCertificate;
import com.foobar.web.proxy.Backend;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web tier's Prometheus metrics (Micrometer): requests by route and status with their latency,
 * upstream latency and responses by backend and status, and each backend's health. Timers are made
 * once per tag combination and cached, so a request only looks one up.
 */
public final class WebMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<Route, TimersByStatus> requests = new EnumMap<>(Route.class);
  private final Map<Backend, TimersByStatus> upstreams = new ConcurrentHashMap<>();

  /** What a request was for, the {@code route} label. */
  public enum Route {
    API,
    STATIC,
    ADMIN;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public WebMetrics(List<Backend> backends) {
    for (Route route : Route.values()) {
      requests.put(
          route,
          new TimersByStatus(
              status ->
                  statusTimer(
                      "foobar.web.requests",
                      "Requests answered by the web tier",
                      "route",
                      route.label(),
                      status)));
    }
    for (Backend backend : backends) {
      Gauge.builder("foobar.web.backend.up", backend, b -> b.healthy() ? 1 : 0)
          .description("1 while the app instance is in rotation (its /_foobar/health answers 200)")
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

  /** One answered request. */
  public void request(Route route, int status, long nanos) {
    requests.get(route).record(status, nanos);
  }

  /**
   * One exchange with an app instance that answered {@code status}, from sending the request to the
   * end of the response.
   */
  public void upstream(Backend backend, int status, long nanos) {
    upstreams
        .computeIfAbsent(
            backend,
            b ->
                new TimersByStatus(
                    code ->
                        statusTimer(
                            "foobar.web.upstream",
                            "Exchanges with app instances, by backend and the status it answered",
                            "backend",
                            b.name(),
                            code)))
        .record(status, nanos);
  }

  /** A timer of one status in a series, with the latency buckets every timer here has. */
  private Timer statusTimer(
      String name, String description, String seriesTag, String series, int status) {
    return Timer.builder(name)
        .description(description)
        .tag(seriesTag, series)
        .tag("status", Integer.toString(status))
        .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofMillis(500))
        .register(registry);
  }

  /** Every request answered so far, for the status page. */
  /**
   * The managed certificate's expiry (seconds since the epoch, 0 while there is none), and the CA's
   * issued certificates and failed attempts since start.
   */
  public void certificate(ManagedCertificate managed) {
    Gauge.builder(
            "foobar.web.certificate.expiry",
            managed,
            m -> m.status().notAfter() == null ? 0 : m.status().notAfter().getEpochSecond())
        .description("When the certificate served on HTTPS expires, seconds since the epoch")
        .baseUnit("seconds")
        .register(registry);
    FunctionCounter.builder("foobar.web.acme.certificates", managed, ManagedCertificate::renewals)
        .description("Certificates obtained from the ACME CA since start")
        .register(registry);
    FunctionCounter.builder("foobar.web.acme.failures", managed, ManagedCertificate::failures)
        .description("Attempts to obtain a certificate from the ACME CA that failed")
        .register(registry);
  }

  public long requestCount() {
    long total = 0;
    for (Timer timer : registry.find("foobar.web.requests").timers()) {
      total += timer.count(); // also the rare status outside 100-599, not in the array
    }
    return total;
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
