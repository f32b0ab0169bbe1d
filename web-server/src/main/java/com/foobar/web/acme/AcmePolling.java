package com.foobar.web.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Waits for an ACME order or challenge to reach a status, asking the CA again after 0.5 s, then 1
 * s, 2 s and every 3 s, or when the CA's Retry-After says. acme4j's own wait asks every 3 s when
 * the CA sends no Retry-After, and each order waits three times (the challenges, the order ready,
 * the certificate): 6-8 s per order against a CA that decides at once.
 */
final class AcmePolling {
  static final Duration FIRST = Duration.ofMillis(500);
  static final Duration MOST = Duration.ofSeconds(3);

  private AcmePolling() {}

  /** The status {@code resource} reached from {@code wanted}, or the last one at the deadline. */
  static Status until(PollableResource resource, Set<Status> wanted, Duration timeout)
      throws AcmeException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    for (int attempt = 0; ; attempt++) {
      Optional<Instant> retryAfter = resource.fetch();
      if (wanted.contains(resource.getStatus())) {
        return resource.getStatus();
      }
      Instant now = Instant.now();
      Instant next = now.plus(wait(attempt, retryAfter, now));
      if (next.isAfter(deadline)) {
        return resource.getStatus();
      }
      Thread.sleep(Duration.between(now, next).toMillis());
    }
  }

  /**
   * The CA's Retry-After when it gave one (never under 0.5 s: a time already past, as with a clock
   * ahead of the CA's, must not make a tight loop of questions), else 0.5 s doubling to 3 s.
   */
  static Duration wait(int attempt, Optional<Instant> retryAfter, Instant now) {
    if (retryAfter.isPresent()) {
      Duration asked = Duration.between(now, retryAfter.get());
      return asked.compareTo(FIRST) < 0 ? FIRST : asked;
    }
    Duration backedOff = FIRST.multipliedBy(1L << Math.min(attempt, 3));
    return backedOff.compareTo(MOST) > 0 ? MOST : backedOff;
  }
}
