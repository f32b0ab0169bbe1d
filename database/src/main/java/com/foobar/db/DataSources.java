package com.foobar.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/** The connection pool the application tier uses: HikariCP over MariaDB Connector/J. */
public final class DataSources {
  private DataSources() {}

  /**
   * A pool over {@code connection}. It starts even when the database is down (requests then fail
   * fast with the pool's timeout and succeed again once it is back), retires connections well
   * before MariaDB's default 8-hour wait_timeout and keeps idle ones alive.
   */
  public static HikariDataSource create(DbConnection connection, int maxPoolSize, String poolName) {
    return create(connection, maxPoolSize, Duration.ofSeconds(2), poolName);
  }

  /**
   * The same with the longest a request may wait for a connection before it fails (the app answers
   * 503 then): short, so a database outage gives quick, honest answers.
   */
  public static HikariDataSource create(
      DbConnection connection, int maxPoolSize, Duration connectionTimeout, String poolName) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(connection.jdbcUrl());
    config.setUsername(connection.user());
    config.setPassword(connection.password());
    config.setMaximumPoolSize(maxPoolSize);
    config.setMinimumIdle(Math.min(2, maxPoolSize));
    config.setConnectionTimeout(connectionTimeout.toMillis());
    config.setValidationTimeout(Duration.ofSeconds(1).toMillis());
    config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
    config.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
    config.setIdleTimeout(Duration.ofMinutes(10).toMillis());
    config.setInitializationFailTimeout(-1); // start without the database; health says 503
    config.setAutoCommit(true);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    return new HikariDataSource(config);
  }
}
