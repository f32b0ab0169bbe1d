package com.foobar.app.orders;

import com.foobar.app.http.ApiException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Places and reads orders. Placing one is a single transaction: a conditional decrement of the
 * stock (never read-then-write, so concurrent buyers cannot oversell) and the insert of the order;
 * both happen or neither does. With an idempotency key the request is decided at most once: the
 * outcome (the order, or why none was placed) is stored under the key in the same transaction, and
 * a repeat of the key gets that first outcome.
 */
public final class OrderService {
  private static final String SELECT_ORDER =
      "SELECT o.id, p.sku, o.quantity, o.email, o.total_cents, UNIX_TIMESTAMP(o.created_at),"
          + " o.status FROM orders o JOIN products p ON p.id = o.product_id WHERE o.id = ?";
  private static final String SELECT_BY_EMAIL =
      "SELECT o.id, p.sku, o.quantity, o.email, o.total_cents, UNIX_TIMESTAMP(o.created_at),"
          + " o.status FROM orders o JOIN products p ON p.id = o.product_id"
          + " WHERE o.email = ? AND o.id < ? ORDER BY o.id DESC LIMIT ?";
  private static final String ORDER_BY_KEY = "SELECT id FROM orders WHERE idempotency_key = ?";
  private static final String REFUSAL_BY_KEY =
      "SELECT sku, quantity, email, status, error_code, error_message, error_field"
          + " FROM idempotency_keys WHERE idempotency_key = ? AND order_id IS NULL";

  /**
   * Always six fraction digits (the column's precision), so a client sees one fixed shape and the
   * 201 body and every later GET of the order are the same bytes.
   */
  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final DataSource dataSource;

  public OrderService(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * What a placement came to: the order, or the refusal the client gets (404 unknown sku, 409 stock
   * short); {@code replayed} when an earlier request with the same key decided it.
   */
  public record Placement(Order order, ApiException refusal, boolean replayed) {
    static Placement placed(Order order, boolean replayed) {
      return new Placement(order, null, replayed);
    }

    static Placement refused(ApiException refusal, boolean replayed) {
      return new Placement(null, refusal, replayed);
    }
  }

  /**
   * Places the order, at most once per {@code idempotencyKey}: the first outcome with a key, an
   * order or a refusal, is stored with it in the same transaction and is the answer to every
   * repeat, even after the stock has changed.
   *
   * @param idempotencyKey null for none
   * @throws ApiException 422 when the key was already used with other data
   */
  public Placement place(OrderRequest request, String idempotencyKey)
      throws ApiException, SQLException {
    if (idempotencyKey != null) {
      Optional<Placement> earlier = replay(idempotencyKey, request);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    try {
      return placeRetryingOnce(request, idempotencyKey);
    } catch (SQLIntegrityConstraintViolationException e) {
      // A concurrent request with the same key committed first; ours was rolled back whole.
      if (idempotencyKey == null) {
        throw e;
      }
      return replay(idempotencyKey, request).orElseThrow(() -> e);
    }
  }

  /**
   * InnoDB may pick the transaction as a deadlock victim or time out its lock wait (several
   * attempts with one key and different bodies can do that); it was rolled back whole, so it is run
   * again once, then the client is told to retry (503; with its key a retry is safe).
   */
  private Placement placeRetryingOnce(OrderRequest request, String idempotencyKey)
      throws ApiException, SQLException {
    try {
      return placeOnce(request, idempotencyKey);
    } catch (SQLException first) {
      if (!isRolledBackForContention(first)) {
        throw first;
      }
      try {
        return placeOnce(request, idempotencyKey);
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

  /**
   * The first answer to {@code key}, if it has one; 422 if it was for other data. An order placed
   * with the key wins over a stored refusal: an instance of the previous version, which knew only
   * placed orders, may have placed it on a retry during a rolling deploy.
   */
  private Optional<Placement> replay(String key, OrderRequest request)
      throws ApiException, SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement query = connection.prepareStatement(ORDER_BY_KEY)) {
        query.setString(1, key);
        try (ResultSet row = query.executeQuery()) {
          if (row.next()) {
            Order order = find(connection, row.getLong(1)).orElseThrow();
            requireSameRequest(
                key, new OrderRequest(order.sku(), order.quantity(), order.email()), request);
            return Optional.of(Placement.placed(order, true));
          }
        }
      }
      try (PreparedStatement query = connection.prepareStatement(REFUSAL_BY_KEY)) {
        query.setString(1, key);
        try (ResultSet row = query.executeQuery()) {
          if (row.next()) {
            requireSameRequest(
                key, new OrderRequest(row.getString(1), row.getInt(2), row.getString(3)), request);
            ApiException refusal =
                new ApiException(
                    row.getInt(4), row.getString(5), row.getString(6), row.getString(7));
            return Optional.of(Placement.refused(refusal, true));
          }
        }
      }
      return Optional.empty();
    }
  }

  /**
   * The same order again: skus compare as the database does (without case: the order shows the
   * product's own spelling), quantity and email exactly.
   */
  private static void requireSameRequest(String key, OrderRequest first, OrderRequest again)
      throws ApiException {
    boolean same =
        first.sku().equalsIgnoreCase(again.sku())
            && first.quantity() == again.quantity()
            && first.email().equals(again.email());
    if (!same) {
      throw new ApiException(
          422,
          "idempotency_key_reused",
          "Idempotency-Key " + key + " was already used for a different order",
          null);
    }
  }

  private Placement placeOnce(OrderRequest request, String idempotencyKey) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Placement placement = place(connection, request, idempotencyKey);
        connection.commit();
        return placement;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
      // HikariCP restores auto-commit when the connection goes back to the pool.
    }
  }

  /** A failed rollback (the link broke) must not hide why the order failed. */
  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static Placement place(Connection connection, OrderRequest request, String idempotencyKey)
      throws SQLException {
    try (PreparedStatement decrement =
        connection.prepareStatement(
            "UPDATE products SET stock = stock - ? WHERE sku = ? AND stock >= ?")) {
      decrement.setInt(1, request.quantity());
      decrement.setString(2, request.sku());
      decrement.setInt(3, request.quantity());
      if (decrement.executeUpdate() == 0) {
        ApiException refusal = whyNotPlaced(connection, request);
        if (idempotencyKey != null) {
          remember(connection, idempotencyKey, request, refusal.status(), null, refusal);
        }
        return Placement.refused(refusal, false);
      }
    }
    long id;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO orders (product_id, quantity, email, total_cents, idempotency_key)"
                + " SELECT id, ?, ?, price_cents * ?, ? FROM products WHERE sku = ?",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setInt(1, request.quantity());
      insert.setString(2, request.email());
      insert.setInt(3, request.quantity());
      insert.setString(4, idempotencyKey);
      insert.setString(5, request.sku());
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    }
    if (idempotencyKey != null) {
      remember(connection, idempotencyKey, request, 201, id, null);
    }
    return Placement.placed(find(connection, id).orElseThrow(), false);
  }

  /**
   * Stores the key's outcome, last in its transaction: a concurrent attempt with the same key waits
   * here on the primary key and fails once this commits, then replays this outcome.
   */
  private static void remember(
      Connection connection,
      String key,
      OrderRequest request,
      int status,
      Long orderId,
      ApiException refusal)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO idempotency_keys (idempotency_key, sku, quantity, email, status,"
                + " order_id, error_code, error_message, error_field)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, key);
      insert.setString(2, request.sku());
      insert.setInt(3, request.quantity());
      insert.setString(4, request.email());
      insert.setInt(5, status);
      insert.setObject(6, orderId);
      insert.setString(7, refusal == null ? null : refusal.code());
      insert.setString(8, refusal == null ? null : refusal.getMessage());
      insert.setString(9, refusal == null ? null : refusal.field());
      insert.executeUpdate();
    }
  }

  /** The decrement matched nothing: either the sku does not exist or its stock is short. */
  private static ApiException whyNotPlaced(Connection connection, OrderRequest request)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT stock FROM products WHERE sku = ?")) {
      query.setString(1, request.sku());
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return new ApiException(404, "not_found", "no product with sku " + request.sku(), "sku");
        }
        return new ApiException(
            409,
            "insufficient_stock",
            "only " + row.getInt(1) + " of " + request.sku() + " left",
            "quantity");
      }
    }
  }

  public Optional<Order> find(long id) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return find(connection, id);
    }
  }

  private static Optional<Order> find(Connection connection, long id) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(SELECT_ORDER)) {
      query.setLong(1, id);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(read(row));
      }
    }
  }

  private static Order read(ResultSet row) throws SQLException {
    return new Order(
        row.getLong(1),
        row.getString(2),
        row.getInt(3),
        row.getString(4),
        row.getLong(5),
        CREATED_AT.format(instant(row.getBigDecimal(6))),
        row.getString(7));
  }

  /**
   * A customer's orders, newest first, at most {@code limit}, all older than {@code beforeId}
   * (keyset pagination: stable while orders are placed, no OFFSET scan).
   */
  public List<Order> byEmail(String email, long beforeId, int limit) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(SELECT_BY_EMAIL)) {
      query.setString(1, email);
      query.setLong(2, beforeId);
      query.setInt(3, limit);
      try (ResultSet rows = query.executeQuery()) {
        List<Order> orders = new ArrayList<>();
        while (rows.next()) {
          orders.add(read(rows));
        }
        return orders;
      }
    }
  }

  /**
   * Cancels a placed order and gives its units back to the stock, in one transaction. Cancelling a
   * cancelled order changes nothing and answers it as it is, so a retried DELETE is harmless.
   *
   * @return the order after the cancel; empty if there is no such order
   */
  public Optional<Order> cancel(long id) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement flip =
            connection.prepareStatement(
                "UPDATE orders SET status = 'cancelled', cancelled_at = CURRENT_TIMESTAMP(6)"
                    + " WHERE id = ? AND status = 'placed'")) {
          flip.setLong(1, id);
          if (flip.executeUpdate() == 1) {
            try (PreparedStatement restock =
                connection.prepareStatement(
                    "UPDATE products p JOIN orders o ON o.product_id = p.id"
                        + " SET p.stock = p.stock + o.quantity WHERE o.id = ?")) {
              restock.setLong(1, id);
              restock.executeUpdate();
            }
          }
        }
        Optional<Order> order = find(connection, id);
        connection.commit();
        return order;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    }
  }

  /** UNIX_TIMESTAMP keeps the microseconds and needs no session time zone to be right. */
  private static Instant instant(BigDecimal epochSeconds) {
    long seconds = epochSeconds.longValue();
    long nanos = epochSeconds.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
    return Instant.ofEpochSecond(seconds, nanos);
  }
}
