package com.foobar.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * V6 moves the idempotency keys of orders placed before it into their own table: an upgrade must
 * not forget a key, or its retry would place the order a second time.
 */
class IdempotencyMigrationIT {
  private static final String SCHEMA = "foobar_upgrade";

  private static Flyway flyway(String target) {
    DbConnection admin = EmbeddedDatabaseFixture.adminConnection();
    return Flyway.configure(IdempotencyMigrationIT.class.getClassLoader())
        .dataSource(admin.jdbcUrl(), admin.user(), admin.password())
        .schemas(SCHEMA)
        .locations("classpath:db/migration")
        .target(target)
        .cleanDisabled(false)
        .load();
  }

  @AfterEach
  void drop() throws SQLException {
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin()) {
      admin.createStatement().execute("DROP DATABASE IF EXISTS " + SCHEMA);
    }
  }

  @Test
  void ordersPlacedWithAKeyBeforeTheUpgradeKeepTheirKey() throws SQLException {
    flyway("5").migrate();
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        Statement sql = admin.createStatement()) {
      sql.execute("USE " + SCHEMA);
      sql.executeUpdate(
          "INSERT INTO orders (product_id, quantity, email, total_cents, idempotency_key)"
              + " SELECT id, 2, 'ada@example.com', price_cents * 2, 'before-v6'"
              + " FROM products WHERE sku = 'FB-MUG'");
      sql.executeUpdate(
          "INSERT INTO orders (product_id, quantity, email, total_cents)"
              + " SELECT id, 1, 'grace@example.com', price_cents FROM products WHERE sku = 'FB-TEE'");

      flyway("latest").migrate();

      try (ResultSet rows =
          sql.executeQuery(
              "SELECT k.idempotency_key, k.sku, k.quantity, k.email, k.status, o.email"
                  + " FROM idempotency_keys k JOIN orders o ON o.id = k.order_id")) {
        assertThat(rows.next()).isTrue();
        assertThat(
                rows.getString(1)
                    + " "
                    + rows.getString(2)
                    + " "
                    + rows.getInt(3)
                    + " "
                    + rows.getString(4)
                    + " "
                    + rows.getInt(5)
                    + " "
                    + rows.getString(6))
            .isEqualTo("before-v6 FB-MUG 2 ada@example.com 201 ada@example.com");
        assertThat(rows.next()).as("the order without a key has none").isFalse();
      }
    }
  }
}
