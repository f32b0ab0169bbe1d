package com.foobar.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/** The connection pool the application tier uses: HikariCP over MariaDB Connector/J. */
public final class DataSources {
  private DataSources() {}

  /**
   * A pool over {@code connection}. It starts even when the database is down (requests then fail
   * fast with the connection timeout and succeed again once it is back), retires connections at the
   * max lifetime and keeps idle ones alive.
   */
  public static HikariDataSource create(
      DbConnection connection, PoolSettings settings, String poolName) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(connection.jdbcUrl());
    config.setUsername(connection.user());
    config.setPassword(connection.password());
    config.setMaximumPoolSize(settings.maxSize());
    config.setMinimumIdle(Math.min(2, settings.maxSize()));
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setValidationTimeout(Duration.ofSeconds(1).toMillis());
    config.setMaxLifetime(settings.maxLifetime().toMillis());
    config.setKeepaliveTime(settings.keepalive().toMillis());
    config.setIdleTimeout(Duration.ofMinutes(10).toMillis());
    config.setInitializationFailTimeout(-1); // start without the database; health says 503
    config.setAutoCommit(true);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    return new HikariDataSource(config);
  }
}
