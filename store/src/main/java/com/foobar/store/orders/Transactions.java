package com.foobar.store.orders;

import com.foobar.http.ApiException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import javax.sql.DataSource;

/** Runs work on a pooled connection: one transaction, or plain reads outside any. */
final class Transactions {
  /**
   * What runs on the connection; in a transaction it may run again from its start. {@code E} is
   * what else it may throw, such as the {@link ApiException} of a refused request.
   */
  @FunctionalInterface
  interface Work<T, E extends Exception> {
    T on(Connection connection) throws SQLException, E;
  }

  private final DataSource dataSource;

  Transactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Runs {@code work} in auto-commit: each statement sees what is committed when it runs, such as
   * the outcome a concurrent request with the same key has just committed.
   */
  <T, E extends Exception> T read(Work<T, E> work) throws SQLException, E {
    try (Connection connection = dataSource.getConnection()) {
      return work.on(connection);
    }
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  <T, E extends Exception> T inTransaction(Work<T, E> work) throws SQLException, E {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.on(connection);
        connection.commit();
        return result;
      } catch (Exception e) {
        rollback(connection, e);
        throw e;
      }
      // HikariCP restores auto-commit when the connection goes back to the pool.
    }
  }

  /**
   * As {@link #inTransaction}, for work that contends for locks. InnoDB may pick the transaction as
   * a deadlock victim or time out its lock wait (several attempts with one key and different bodies
   * can do that); it was rolled back whole, so it is run again once, then the client is told to
   * retry (503; with its key a retry is safe).
   */
  <T, E extends Exception> T inTransactionRetriedOnce(Work<T, E> work)
      throws ApiException, SQLException, E {
    try {
      return inTransaction(work);
    } catch (SQLException first) {
      if (!isRolledBackForContention(first)) {
        throw first;
      }
      try {
        return inTransaction(work);
      } catch (SQLException again) {
        if (!isRolledBackForContention(again)) {
          throw again;
        }
        throw new ApiException(
            503, "database_busy", "the order could not be decided now; send it again", null);
      }
    }
  }

  /** A deadlock (1213) or a lock wait timeout (1205): nothing of the transaction was applied. */
  private static boolean isRolledBackForContention(SQLException e) {
    return e instanceof SQLTransactionRollbackException
        || e.getErrorCode() == 1213
        || e.getErrorCode() == 1205;
  }

  /** A failed rollback (the link broke) must not hide why the transaction failed. */
  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
