package com.foobar.store.orders;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The SQL of orders and of the stock they take, on the caller's connection, so that several
 * statements can share one transaction.
 */
final class OrderRepository {
  private static final String SELECT_ORDER =
      "SELECT o.id, p.sku, o.quantity, o.email, o.total_cents, UNIX_TIMESTAMP(o.created_at),"
          + " o.status FROM orders o JOIN products p ON p.id = o.product_id WHERE o.id = ?";
  private static final String SELECT_BY_EMAIL =
      "SELECT o.id, p.sku, o.quantity, o.email, o.total_cents, UNIX_TIMESTAMP(o.created_at),"
          + " o.status FROM orders o JOIN products p ON p.id = o.product_id"
          + " WHERE o.email = ? AND o.id < ? ORDER BY o.id DESC LIMIT ?";
  private static final String ORDER_BY_KEY = "SELECT id FROM orders WHERE idempotency_key = ?";

  /**
   * Always six fraction digits (the column's precision), so a client sees one fixed shape and the
   * 201 body and every later GET of the order are the same bytes.
   */
  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * Takes {@code quantity} units of {@code sku} if that many are there: a conditional decrement,
   * never read-then-write, so concurrent buyers cannot oversell.
   *
   * @return false if nothing was taken (no such sku, or its stock is short)
   */
  boolean takeStock(Connection connection, String sku, int quantity) throws SQLException {
    try (PreparedStatement decrement =
        connection.prepareStatement(
            "UPDATE products SET stock = stock - ? WHERE sku = ? AND stock >= ?")) {
      decrement.setInt(1, quantity);
      decrement.setString(2, sku);
      decrement.setInt(3, quantity);
      return decrement.executeUpdate() != 0;
    }
  }

  /** The units of {@code sku} in stock; empty if there is no such product. */
  OptionalInt stock(Connection connection, String sku) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT stock FROM products WHERE sku = ?")) {
      query.setString(1, sku);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? OptionalInt.of(row.getInt(1)) : OptionalInt.empty();
      }
    }
  }

  /**
   * Inserts the order at the product's price (the stock is taken separately).
   *
   * @param idempotencyKey null for none
   * @return the new order's id
   */
  long insert(Connection connection, OrderRequest request, String idempotencyKey)
      throws SQLException {
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
        return keys.getLong(1);
      }
    }
  }

  Optional<Order> find(Connection connection, long id) throws SQLException {
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

  /** The order placed with {@code idempotencyKey}, if one was. */
  Optional<Order> findByIdempotencyKey(Connection connection, String idempotencyKey)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(ORDER_BY_KEY)) {
      query.setString(1, idempotencyKey);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(find(connection, row.getLong(1)).orElseThrow());
      }
    }
  }

  /**
   * A customer's orders, newest first, at most {@code limit}, all older than {@code beforeId}
   * (keyset pagination: stable while orders are placed, no OFFSET scan).
   */
  List<Order> byEmail(Connection connection, String email, long beforeId, int limit)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(SELECT_BY_EMAIL)) {
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
   * Marks a placed order cancelled.
   *
   * @return false if there is no such order or it was cancelled already
   */
  boolean markCancelled(Connection connection, long id) throws SQLException {
    try (PreparedStatement flip =
        connection.prepareStatement(
            "UPDATE orders SET status = 'cancelled', cancelled_at = CURRENT_TIMESTAMP(6)"
                + " WHERE id = ? AND status = 'placed'")) {
      flip.setLong(1, id);
      return flip.executeUpdate() == 1;
    }
  }

  /** Gives the order's units back to its product's stock. */
  void restock(Connection connection, long id) throws SQLException {
    try (PreparedStatement restock =
        connection.prepareStatement(
            "UPDATE products p JOIN orders o ON o.product_id = p.id"
                + " SET p.stock = p.stock + o.quantity WHERE o.id = ?")) {
      restock.setLong(1, id);
      restock.executeUpdate();
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

  /** UNIX_TIMESTAMP keeps the microseconds and needs no session time zone to be right. */
  private static Instant instant(BigDecimal epochSeconds) {
    long seconds = epochSeconds.longValue();
    long nanos = epochSeconds.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
    return Instant.ofEpochSecond(seconds, nanos);
  }
}
