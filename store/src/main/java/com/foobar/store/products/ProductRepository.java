package com.foobar.store.products;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads products. Stock changes belong to orders, inside their transaction. The catalogue may be a
 * moment behind the last order, so its reads are read-only: a Connector/J {@code
 * jdbc:mariadb:replication://primary,replica/…} URL sends them to a replica (orders, which a client
 * reads back right after placing them, stay on the primary); on one server it changes nothing.
 */
public final class ProductRepository {
  private static final String COLUMNS = "sku, name, description, price_cents, stock";

  private final DataSource dataSource;

  public ProductRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Products by sku after {@code afterSku} (empty for the first page), at most {@code limit}. */
  public List<Product> page(String afterSku, int limit) throws SQLException {
    try (Connection connection = readOnly();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM products WHERE sku > ? ORDER BY sku LIMIT ?")) {
      query.setString(1, afterSku);
      query.setInt(2, limit);
      try (ResultSet rows = query.executeQuery()) {
        List<Product> products = new ArrayList<>();
        while (rows.next()) {
          products.add(read(rows));
        }
        return products;
      }
    }
  }

  public Optional<Product> find(String sku) throws SQLException {
    try (Connection connection = readOnly();
        PreparedStatement query =
            connection.prepareStatement("SELECT " + COLUMNS + " FROM products WHERE sku = ?")) {
      query.setString(1, sku);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  /** HikariCP makes the connection writable again when it goes back to the pool. */
  private Connection readOnly() throws SQLException {
    Connection connection = dataSource.getConnection();
    try {
      connection.setReadOnly(true);
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  private static Product read(ResultSet row) throws SQLException {
    return new Product(
        row.getString(1), row.getString(2), row.getString(3), row.getInt(4), row.getInt(5));
  }
}
