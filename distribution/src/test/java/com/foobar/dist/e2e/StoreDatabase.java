package com.foobar.dist.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The package's embedded database as the tests read it behind the API's back: straight over JDBC,
 * as the application user, to count what was really written.
 */
record StoreDatabase(Path distribution, int port) {
  static final int STICKERS = 500;

  /** The package's database outlives test runs: each load starts from a known stock. */
  void restock() throws Exception {
    setStock("FB-STICKER", STICKERS);
  }

  int stickersInStock() throws Exception {
    return stock("FB-STICKER");
  }

  void setStock(String sku, int stock) throws Exception {
    try (Connection db = connect();
        PreparedStatement update =
            db.prepareStatement("UPDATE products SET stock = ? WHERE sku = ?")) {
      update.setInt(1, stock);
      update.setString(2, sku);
      update.executeUpdate();
    }
  }

  int stock(String sku) throws Exception {
    try (Connection db = connect();
        PreparedStatement query = db.prepareStatement("SELECT stock FROM products WHERE sku = ?")) {
      query.setString(1, sku);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  /** The ids of the orders with that email, and with that status if one is given. */
  Set<Long> orderIds(String email, String status) throws Exception {
    Set<Long> ids = new HashSet<>();
    try (Connection db = connect();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT id FROM orders WHERE email = ? AND (? IS NULL OR status = ?)")) {
      query.setString(1, email);
      query.setString(2, status);
      query.setString(3, status);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    return ids;
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + port + "/foobar",
        "foobar_app",
        Files.readString(distribution.resolve("var/secrets/db-app.password")).strip());
  }
}
