package com.foobar.store.orders;

import com.foobar.http.ApiException;
import com.foobar.store.orders.OrderOutcome.Placed;
import com.foobar.store.orders.OrderOutcome.Refused;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The outcome of each idempotency key's first request, an order or a refusal, so that every repeat
 * of the key gets that outcome again, even after the stock has changed.
 */
final class IdempotencyKeys {
  private static final String REFUSAL_BY_KEY =
      "SELECT sku, quantity, email, status, error_code, error_message, error_field"
          + " FROM idempotency_keys WHERE idempotency_key = ? AND order_id IS NULL";

  private final OrderRepository orders;

  IdempotencyKeys(OrderRepository orders) {
    this.orders = orders;
  }

  /**
   * The first answer to {@code key}, if it has one, marked replayed; 422 if it was for other data.
   * An order placed with the key wins over a stored refusal: an instance of the previous version,
   * which knew only placed orders, may have placed it on a retry during a rolling deploy.
   */
  Optional<OrderOutcome> replay(Connection connection, String key, OrderRequest request)
      throws ApiException, SQLException {
    Optional<Order> placed = orders.findByIdempotencyKey(connection, key);
    if (placed.isPresent()) {
      Order order = placed.get();
      requireSameRequest(
          key, new OrderRequest(order.sku(), order.quantity(), order.email()), request);
      return Optional.of(new Placed(order, true));
    }
    try (PreparedStatement query = connection.prepareStatement(REFUSAL_BY_KEY)) {
      query.setString(1, key);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        requireSameRequest(
            key, new OrderRequest(row.getString(1), row.getInt(2), row.getString(3)), request);
        ApiException refusal =
            new ApiException(row.getInt(4), row.getString(5), row.getString(6), row.getString(7));
        return Optional.of(new Refused(refusal, true));
      }
    }
  }

  /**
   * The same order again: skus compare as the database does (without case: the order shows the
   * product's own spelling), quantity and email exactly.
   *
   * @throws ApiException 422 if {@code again} is another order
   */
  static void requireSameRequest(String key, OrderRequest first, OrderRequest again)
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

  /**
   * Stores the key's outcome; call it last in the transaction that decided it: a concurrent attempt
   * with the same key waits here on the primary key and fails once this commits, then replays this
   * outcome.
   */
  void remember(Connection connection, String key, OrderRequest request, OrderOutcome outcome)
      throws SQLException {
    Long orderId = outcome instanceof Placed placed ? placed.order().id() : null;
    ApiException refusal = outcome instanceof Refused refused ? refused.refusal() : null;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO idempotency_keys (idempotency_key, sku, quantity, email, status,"
                + " order_id, error_code, error_message, error_field)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, key);
      insert.setString(2, request.sku());
      insert.setInt(3, request.quantity());
      insert.setString(4, request.email());
      insert.setInt(5, refusal == null ? 201 : refusal.status());
      insert.setObject(6, orderId);
      insert.setString(7, refusal == null ? null : refusal.code());
      insert.setString(8, refusal == null ? null : refusal.getMessage());
      insert.setString(9, refusal == null ? null : refusal.field());
      insert.executeUpdate();
    }
  }
}
