package com.foobar.bench.peer.products;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads products: one statement in auto-commit, as our store's ProductRepository.find. */
@Repository
public class ProductRepository {
  private final JdbcTemplate jdbc;

  public ProductRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Product> find(String sku) {
    return jdbc
        .query(
            "SELECT sku, name, description, price_cents, stock FROM products WHERE sku = ?",
            (row, n) ->
                new Product(
                    row.getString(1),
                    row.getString(2),
                    row.getString(3),
                    row.getInt(4),
                    row.getInt(5)),
            sku)
        .stream()
        .findFirst();
  }
}
