package com.foobar.dns.health;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each address of the health-checked names every interval (all at once, each GET bounded by
 * the interval) and says when the set of addresses that are down changes.
 */
public final class HealthChecker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

  private final HealthChecks settings;
  private final Supplier<Collection<InetAddress>> addresses;
  private final Consumer<Set<InetAddress>> onChange;
  private final Map<InetAddress, AddressState> states = new ConcurrentHashMap<>();
  private final HttpClient http;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "dns-health");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param addresses the addresses to check now (read every round: a zone reload may change them)
   * @param onChange told the addresses that are down, each time that set changes
   */
  public HealthChecker(
      HealthChecks settings,
      Supplier<Collection<InetAddress>> addresses,
      Consumer<Set<InetAddress>> onChange) {
    this.settings = settings;
    this.addresses = addresses;
    this.onChange = onChange;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.interval())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public void start() {
    long every = settings.interval().toMillis();
    timer.scheduleWithFixedDelay(this::round, 0, every, TimeUnit.MILLISECONDS);
  }

  /** Each checked address and whether it is up, for metrics. */
  public Map<InetAddress, Boolean> states() {
    Map<InetAddress, Boolean> snapshot = new LinkedHashMap<>();
    states.forEach((address, state) -> snapshot.put(address, state.up()));
    return snapshot;
  }

  private void round() {
    try {
      Collection<InetAddress> now = addresses.get();
      states.keySet().retainAll(now);
      Map<InetAddress, CompletableFuture<Boolean>> checks = new LinkedHashMap<>();
      for (InetAddress address : now) {
        checks.put(address, check(address));
      }
      boolean changed = false;
      for (Map.Entry<InetAddress, CompletableFuture<Boolean>> check : checks.entrySet()) {
        boolean success = check.getValue().join();
        AddressState state =
            states.computeIfAbsent(
                check.getKey(), a -> new AddressState(settings.rise(), settings.fall()));
        if (state.record(success)) {
          changed = true;
          log.warn(
              "dns: health: {} is {}",
              check.getKey().getHostAddress(),
              state.up() ? "up again" : "down: left out of answers");
        }
      }
      if (changed) {
        Set<InetAddress> down = new HashSet<>();
        states.forEach(
            (address, state) -> {
              if (!state.up()) {
                down.add(address);
              }
            });
        onChange.accept(Set.copyOf(down));
      }
    } catch (RuntimeException e) {
      log.warn("dns: health check round failed", e);
    }
  }

  private CompletableFuture<Boolean> check(InetAddress address) {
    String host =
        address instanceof Inet6Address
            ? "[" + address.getHostAddress() + "]"
            : address.getHostAddress();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.url().replace("{address}", host)))
            .timeout(settings.interval())
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .thenApply(response -> response.statusCode() / 100 == 2)
        .exceptionally(failure -> false);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
