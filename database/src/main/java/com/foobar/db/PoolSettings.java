package com.foobar.db;

import java.time.Duration;

/**
 * How an application instance's connection pool behaves.
 *
 * @param maxSize the most connections it holds
 * @param connectionTimeout the longest a request waits for a connection (then the app answers 503):
 *     short, so a database outage gives quick, honest answers
 * @param maxLifetime when a connection is retired and replaced; below any timeout that closes
 *     connections in between (MariaDB's wait_timeout is 8 hours, a proxy's may be minutes)
 * @param keepalive how often an idle connection is pinged so nothing in between drops it; zero for
 *     never
 */
public record PoolSettings(
    int maxSize, Duration connectionTimeout, Duration maxLifetime, Duration keepalive) {
  /** HikariCP's own floor for the lifetime and the keepalive interval. */
  private static final Duration HIKARI_MINIMUM = Duration.ofSeconds(30);

  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
  public static final Duration DEFAULT_KEEPALIVE = Duration.ofMinutes(2);

  /**
   * @throws IllegalArgumentException naming the setting and its bound (HikariCP would otherwise
   *     replace an out-of-range value with its default and only log it)
   */
  public PoolSettings {
    if (maxSize < 1) {
      throw new IllegalArgumentException("db pool: the size must be at least 1");
    }
    if (connectionTimeout.toMillis() < 250) {
      throw new IllegalArgumentException("db pool: the connection timeout must be at least 250 ms");
    }
    if (maxLifetime.compareTo(HIKARI_MINIMUM) < 0) {
      throw new IllegalArgumentException("db pool: the max lifetime must be at least 30 s");
    }
    if (!keepalive.isZero()
        && (keepalive.compareTo(HIKARI_MINIMUM) < 0 || keepalive.compareTo(maxLifetime) >= 0)) {
      throw new IllegalArgumentException(
          "db pool: the keepalive must be 0 (off) or at least 30 s and below the max lifetime");
    }
  }

  /** With connections retired after 30 minutes and idle ones pinged every 2 minutes. */
  public static PoolSettings of(int maxSize, Duration connectionTimeout) {
    return new PoolSettings(maxSize, connectionTimeout, DEFAULT_MAX_LIFETIME, DEFAULT_KEEPALIVE);
  }
}
