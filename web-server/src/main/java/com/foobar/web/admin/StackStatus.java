package com.foobar.web.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.foobar.web.metrics.WebMetrics;
import com.foobar.web.proxy.Backend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The snapshot behind the status page: each tier's address, whether it serves and its request
 * counter, as the web tier sees them now (its own counters, its health checks of the app instances
 * and what they say of the database, the DNS tier's metrics). The page computes rates from two
 * snapshots.
 */
final class StackStatus {
  record Web(String address, boolean up, long requests) {}

  record Dns(String address, Boolean up, Long queries, String detail) {}

  record App(String name, String address, boolean healthy, long requests, String database) {}

  record Database(String address, Boolean up, String detail) {}

  record Snapshot(String generatedAt, Web web, Dns dns, List<App> apps, Database database) {}

  private final ObjectMapper json = new ObjectMapper();
  private final Supplier<String> webAddress;
  private final WebMetrics metrics;
  private final List<Backend> backends;
  private final AdminConfig config;
  private final DnsMetricsProbe dns;

  StackStatus(
      Supplier<String> webAddress, WebMetrics metrics, List<Backend> backends, AdminConfig config) {
    this.webAddress = webAddress;
    this.metrics = metrics;
    this.backends = backends;
    this.config = config;
    this.dns = config.dnsMetrics() == null ? null : new DnsMetricsProbe(config.dnsMetrics());
  }

  Snapshot snapshot() {
    List<App> apps = new ArrayList<>();
    boolean anyDatabaseUp = false;
    boolean anyDatabaseDown = false;
    for (Backend b : backends) {
      apps.add(
          new App("app-" + b.uri().getPort(), b.name(), b.healthy(), b.requests(), b.database()));
      anyDatabaseUp |= b.database().equals("up");
      anyDatabaseDown |= b.database().equals("down");
    }
    Boolean databaseUp = anyDatabaseUp ? Boolean.TRUE : anyDatabaseDown ? Boolean.FALSE : null;
    Dns dnsTier = null;
    if (dns != null) {
      Long queries = dns.queries();
      dnsTier =
          new Dns(
              config.dnsAddress(),
              queries != null,
              queries,
              queries != null ? "metrics " + config.dnsMetrics() : "no answer from its metrics");
    }
    return new Snapshot(
        Instant.now().toString(),
        new Web(webAddress.get(), true, metrics.requestCount()),
        dnsTier,
        apps,
        new Database(
            config.databaseAddress(),
            databaseUp,
            databaseUp == null ? "no app instance could tell" : "as the app instances see it"));
  }

  String json() {
    try {
      return json.writeValueAsString(snapshot());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("status snapshot not serialisable", e);
    }
  }
}
