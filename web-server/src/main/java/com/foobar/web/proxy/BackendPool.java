package com.foobar.web.proxy;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app instances and the choice among those in rotation, round-robin or least-busy. When none is
 * healthy the next one is tried anyway: a request that may fail beats a certain 502 while the
 * checker catches up.
 */
public final class BackendPool {
  private final List<Backend> backends;
  private final AtomicInteger next = new AtomicInteger();
  private final Balance balance;

  /**
   * @throws IllegalArgumentException if the list is empty or an address is not absolute
   *     http://host:port
   */
  public BackendPool(List<URI> uris, Balance balance) {
    this.balance = balance;
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("web: no app instance to forward /api/* to");
    }
    for (URI uri : uris) {
      if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalArgumentException(
            "web: app instance address must be http://host:port, not " + uri);
      }
    }
    this.backends = uris.stream().map(Backend::new).toList();
  }

  public List<Backend> backends() {
    return backends;
  }

  /** The next healthy backend in turn. */
  Backend next() {
    return nextExcept(null);
  }

  /**
   * The next healthy backend other than {@code tried} (in turn, or the least busy with ties taken
   * in turn); {@code tried} if it is alone.
   */
  Backend nextExcept(Backend tried) {
    int size = backends.size();
    int start = Math.floorMod(next.getAndIncrement(), size);
    Backend chosen = null;
    Backend fallback = null;
    for (int i = 0; i < size; i++) {
      Backend candidate = backends.get((start + i) % size);
      if (candidate == tried) {
        continue;
      }
      if (!candidate.healthy()) {
        if (fallback == null) {
          fallback = candidate;
        }
      } else if (balance == Balance.ROUND_ROBIN) {
        return candidate;
      } else if (chosen == null || candidate.inFlight() < chosen.inFlight()) {
        chosen = candidate;
      }
    }
    if (chosen != null) {
      return chosen;
    }
    return fallback != null ? fallback : tried;
  }
}
