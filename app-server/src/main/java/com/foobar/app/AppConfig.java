package com.foobar.app;

import com.foobar.db.DbConnection;
import com.foobar.db.PoolSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One application instance.
 *
 * @param bindHost the literal IP to listen on (the web tier is the only client: loopback)
 * @param port the HTTP port; 0 picks a free one
 * @param database how to reach the database, as the application user
 * @param pool its connection pool: size, the wait for a connection (then 503), lifetime, keepalive
 * @param drainDelay on stop, how long /api/health answers 503 while requests are still served, so
 *     the web tier's health check takes the instance out of rotation before it stops listening
 * @param webApp a Jakarta Servlet 6 web application (a {@code .war} file or an exploded directory)
 *     the instance hosts at {@code /} instead of the built-in store; null for the built-in store
 * @param unixSocket where the instance also listens on a Unix domain socket, for a web tier on the
 *     same host (no TCP/IP stack on the hop, as nginx's {@code server unix:}); null for TCP only
 */
public record AppConfig(
    String bindHost,
    int port,
    DbConnection database,
    PoolSettings pool,
    Duration drainDelay,
    Path webApp,
    Path unixSocket) {

  public AppConfig {
    if (drainDelay.isNegative()) {
      throw new IllegalArgumentException("app: the drain delay cannot be negative");
    }
  }

  /** The built-in store. */
  public AppConfig(
      String bindHost, int port, DbConnection database, PoolSettings pool, Duration drainDelay) {
    this(bindHost, port, database, pool, drainDelay, null, null);
  }

  /**
   * The built-in store without a drain delay (stops listening at once: tests, or no load balancer
   * in front), with a 2 s wait for a connection and the pool's default lifetime and keepalive.
   */
  public AppConfig(String bindHost, int port, DbConnection database, int maxPoolSize) {
    this(
        bindHost,
        port,
        database,
        PoolSettings.of(maxPoolSize, Duration.ofSeconds(2)),
        Duration.ZERO);
  }

  /**
   * This instance hosting {@code webApp} (a .war or a directory), or the built-in store for null.
   */
  public AppConfig withWebApp(Path webApp) {
    return new AppConfig(bindHost, port, database, pool, drainDelay, webApp, unixSocket);
  }

  /** This instance also listening on {@code unixSocket}, or on TCP only for null. */
  public AppConfig withUnixSocket(Path unixSocket) {
    return new AppConfig(bindHost, port, database, pool, drainDelay, webApp, unixSocket);
  }
}
