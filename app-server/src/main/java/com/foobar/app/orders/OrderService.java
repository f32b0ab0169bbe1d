package com.foobar.app.orders;

import com.foobar.app.http.ApiException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Places and reads orders. Placing one is a single transaction: a conditional decrement of the
 * stock (never read-then-write, so concurrent buyers cannot oversell) and the insert of the order;
 * both happen or neither does.
 */
public final class OrderService {
  private static final String SELECT_ORDER =
      "SELECT o.id, p.sku, o.quantity, o.email, o.total_cents, UNIX_TIMESTAMP(o.created_at)"
          + " FROM orders o JOIN products p ON p.id = o.product_id WHERE o.id = ?";

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
   * @throws ApiException 404 for an unknown sku, 409 when the stock is short
   */
  public Order place(OrderRequest request) throws ApiException, SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Order order = place(connection, request);
        connection.commit();
        return order;
      } catch (ApiException | SQLException | RuntimeException e) {
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

  private Order place(Connection connection, OrderRequest request)
      throws ApiException, SQLException {
    try (PreparedStatement decrement =
        connection.prepareStatement(
            "UPDATE products SET stock = stock - ? WHERE sku = ? AND stock >= ?")) {
      decrement.setInt(1, request.quantity());
      decrement.setString(2, request.sku());
      decrement.setInt(3, request.quantity());
      if (decrement.executeUpdate() == 0) {
        throw whyNotPlaced(connection, request);
      }
    }
    long id;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO orders (product_id, quantity, email, total_cents)"
                + " SELECT id, ?, ?, price_cents * ? FROM products WHERE sku = ?",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setInt(1, request.quantity());
      insert.setString(2, request.email());
      insert.setInt(3, request.quantity());
      insert.setString(4, request.sku());
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    }
    return find(connection, id).orElseThrow();
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
        return Optional.of(
            new Order(
                row.getLong(1),
                row.getString(2),
                row.getInt(3),
                row.getString(4),
                row.getLong(5),
                CREATED_AT.format(instant(row.getBigDecimal(6)))));
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
