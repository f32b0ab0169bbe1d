package com.foobar.app;

import com.foobar.db.DbConnection;
import java.time.Duration;

/**
 * One application instance.
 *
 * @param bindHost the literal IP to listen on (the web tier is the only client: loopback)
 * @param port the HTTP port; 0 picks a free one
 * @param database how to reach the database, as the application user
 * @param maxPoolSize the most database connections this instance holds
 * @param drainDelay on stop, how long /api/health answers 503 while requests are still served, so
 *     the web tier's health check takes the instance out of rotation before it stops listening
 * @param poolTimeout the longest a request waits for a database connection before its 503
 */
public record AppConfig(
    String bindHost,
    int port,
    DbConnection database,
    int maxPoolSize,
    Duration drainDelay,
    Duration poolTimeout) {

  public AppConfig {
    if (poolTimeout.toMillis() < 250) {
      throw new IllegalArgumentException("app: the pool timeout must be at least 250 ms");
    }
    if (drainDelay.isNegative()) {
      throw new IllegalArgumentException("app: the drain delay cannot be negative");
    }
  }

  /** Without a drain delay: stops listening at once (tests, or no load balancer in front). */
  public AppConfig(String bindHost, int port, DbConnection database, int maxPoolSize) {
    this(bindHost, port, database, maxPoolSize, Duration.ZERO, Duration.ofSeconds(2));
  }
}
