package com.foobar.bench.peer.orders;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The statements of our store's OrderRepository, in the caller's transaction. */
@Repository
public class OrderRepository {
  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final JdbcTemplate jdbc;

  public OrderRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A conditional decrement, never read-then-write; false if nothing was taken. */
  public boolean takeStock(String sku, int quantity) {
    return jdbc.update(
            "UPDATE products SET stock = stock - ? WHERE sku = ? AND stock >= ?",
            quantity,
            sku,
            quantity)
        != 0;
  }

  /** The units of {@code sku} in stock; empty if there is no such product. */
  public Optional<Integer> stock(String sku) {
    return jdbc
        .query("SELECT stock FROM products WHERE sku = ?", (row, n) -> row.getInt(1), sku)
        .stream()
        .findFirst();
  }

  /** Inserts the order at the product's price; returns its id. */
  public long insert(OrderRequest request) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        connection -> {
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO orders (product_id, quantity, email, total_cents)"
                      + " SELECT id, ?, ?, price_cents * ? FROM products WHERE sku = ?",
                  Statement.RETURN_GENERATED_KEYS);
          insert.setInt(1, request.quantity());
          insert.setString(2, request.email());
          insert.setInt(3, request.quantity());
          insert.setString(4, request.sku());
          return insert;
        },
        key);
    return key.getKey().longValue();
  }

  public Order find(long id) {
    return jdbc.queryForObject(
        "SELECT o.id, p.sku, o.quantity, o.email, o.total_cents, UNIX_TIMESTAMP(o.created_at),"
            + " o.status FROM orders o JOIN products p ON p.id = o.product_id WHERE o.id = ?",
        (row, n) -> read(row),
        id);
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
