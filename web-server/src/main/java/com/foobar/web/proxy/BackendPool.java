package com.foobar.web.proxy;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app instances and the choice among those in rotation, round-robin or least-busy, both by
 * weight, with backups used only while no other instance is healthy (as nginx's upstream). When
 * none is healthy the next one is tried anyway: a request that may fail beats a certain 502 while
 * the checker catches up.
 */
public final class BackendPool {
  private final List<Backend> backends;
  private final List<Backend> primaries;
  private final List<Backend> backups;
  private final boolean weighted;
  private final AtomicInteger next = new AtomicInteger();
  private final Balance balance;

  /**
   * @throws IllegalArgumentException if the list is empty, all backups, or an address is not
   *     absolute http://host:port
   */
  public BackendPool(List<BackendSpec> specs, Balance balance) {
    this.balance = balance;
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("web: no app instance to forward /api/* to");
    }
    for (BackendSpec spec : specs) {
      URI uri = spec.uri();
      if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalArgumentException(
            "web: app instance address must be http://host:port, not " + uri);
      }
    }
    this.backends = specs.stream().map(Backend::new).toList();
    this.primaries = backends.stream().filter(b -> !b.backup()).toList();
    this.backups = backends.stream().filter(Backend::backup).toList();
    if (primaries.isEmpty()) {
      throw new IllegalArgumentException("web: every app instance is a backup; one must not be");
    }
    this.weighted = backends.stream().anyMatch(b -> b.weight() != 1);
  }

  public List<Backend> backends() {
    return backends;
  }

  /** The next healthy backend. */
  Backend next() {
    return nextExcept(null);
  }

  /**
   * The next healthy backend other than {@code tried}, by the balance, from the backups only when
   * no other is healthy; when none is, the next one anyway ({@code tried} if it is alone).
   */
  Backend nextExcept(Backend tried) {
    Backend chosen = choose(primaries, tried);
    if (chosen == null && !backups.isEmpty()) {
      chosen = choose(backups, tried);
    }
    if (chosen != null) {
      return chosen;
    }
    int size = backends.size();
    int start = Math.floorMod(next.getAndIncrement(), size);
    for (int i = 0; i < size; i++) {
      Backend candidate = backends.get((start + i) % size);
      if (candidate != tried) {
        return candidate;
      }
    }
    return tried;
  }

  /** A healthy backend of {@code group} other than {@code tried}; null if there is none. */
  private Backend choose(List<Backend> group, Backend tried) {
    if (balance == Balance.LEAST_BUSY) {
      return leastBusy(group, tried);
    }
    return weighted ? smoothlyWeighted(group, tried) : inTurn(group, tried);
  }

  /** Each in turn: one shared counter, no lock, when every weight is 1. */
  private Backend inTurn(List<Backend> group, Backend tried) {
    int size = group.size();
    int start = Math.floorMod(next.getAndIncrement(), size);
    for (int i = 0; i < size; i++) {
      Backend candidate = group.get((start + i) % size);
      if (candidate != tried && candidate.healthy()) {
        return candidate;
      }
    }
    return null;
  }

  /** The fewest requests in flight for its weight (nginx's least_conn); equals taken in turn. */
  private Backend leastBusy(List<Backend> group, Backend tried) {
    int size = group.size();
    int start = Math.floorMod(next.getAndIncrement(), size);
    Backend chosen = null;
    for (int i = 0; i < size; i++) {
      Backend candidate = group.get((start + i) % size);
      if (candidate == tried || !candidate.healthy()) {
        continue;
      }
      if (chosen == null
          || (long) candidate.inFlight() * chosen.weight()
              < (long) chosen.inFlight() * candidate.weight()) {
        chosen = candidate;
      }
    }
    return chosen;
  }

  /**
   * nginx's smooth weighted round-robin: each healthy backend gains its weight, the highest is
   * chosen and gives back the sum, so weights 5, 1, 1 go a a b a c a a, spread out rather than five
   * a in a row.
   */
  private synchronized Backend smoothlyWeighted(List<Backend> group, Backend tried) {
    Backend best = null;
    int total = 0;
    for (Backend candidate : group) {
      if (candidate == tried || !candidate.healthy()) {
        continue;
      }
      candidate.currentWeight += candidate.weight();
      total += candidate.weight();
      if (best == null || candidate.currentWeight > best.currentWeight) {
        best = candidate;
      }
    }
    if (best != null) {
      best.currentWeight -= total;
    }
    return best;
  }
}
