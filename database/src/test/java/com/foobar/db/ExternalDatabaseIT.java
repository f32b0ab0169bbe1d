package com.foobar.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An external MariaDB given by {@code db.url}, as an operator sets it, including Connector/J's
 * {@code sequential:} (hosts tried in order: failover) and {@code replication:} (a primary, then
 * replicas for read-only connections) forms. The "external" server is the test's embedded one,
 * reached over TCP by users with passwords, as a real external one is; the operator creates them.
 */
class ExternalDatabaseIT {
  private static final String SCHEMA = "foobar_external";
  private static final String ADMIN = "ext_admin";
  private static final String ADMIN_PASSWORD = "ext-admin-test-password";
  private static final String APP = "ext_app";
  private static final String APP_PASSWORD = "ext-app-test-password";

  private static int port;

  /**
   * Bound but never listening, for the test's lifetime: a connection to it is refused, and no other
   * process can start listening on it, as it could on a port found free and released.
   */
  private static Socket deadPortHolder;

  private static int deadPort;

  @BeforeAll
  static void createTheOperatorsSchemaAndUsers() throws SQLException, IOException {
    Matcher url =
        Pattern.compile("//127\\.0\\.0\\.1:(\\d+)/")
            .matcher(EmbeddedDatabaseFixture.appConnection().jdbcUrl());
    assertThat(url.find()).isTrue();
    port = Integer.parseInt(url.group(1));
    deadPortHolder = new Socket();
    deadPortHolder.bind(new InetSocketAddress("127.0.0.1", 0));
    deadPort = deadPortHolder.getLocalPort();
    try (Connection root = EmbeddedDatabaseFixture.openAdmin();
        Statement sql = root.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + SCHEMA);
      sql.execute("CREATE DATABASE " + SCHEMA);
      sql.execute(
          "CREATE OR REPLACE USER " + ADMIN + "@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "'");
      sql.execute("GRANT ALL PRIVILEGES ON " + SCHEMA + ".* TO " + ADMIN + "@'%'");
      sql.execute("CREATE OR REPLACE USER " + APP + "@'%' IDENTIFIED BY '" + APP_PASSWORD + "'");
      sql.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + SCHEMA + ".* TO " + APP + "@'%'");
    }
  }

  @AfterAll
  static void releaseTheDeadPort() throws IOException {
    deadPortHolder.close();
  }

  private static Database external(String url) {
    return new Database(
        DatabaseConfig.external(url)
            .withDatabaseName(SCHEMA)
            .withAppUser(APP)
            .withAppPassword(APP_PASSWORD)
            .withAdminUser(ADMIN)
            .withAdminPassword(ADMIN_PASSWORD));
  }

  @Test
  void migratesAndServesThroughASequentialUrlWhoseFirstHostIsDown() throws SQLException {
    String url =
        "jdbc:mariadb:sequential://127.0.0.1:" + deadPort + ",127.0.0.1:" + port + "/" + SCHEMA;
    try (Database database = external(url)) {
      database.start();
      assertThat(database.migrate()).startsWith("schema at version 6 (");
      assertThat(database.describe()).isEqualTo("external " + url);

      try (HikariDataSource pool =
              DataSources.create(
                  database.appConnection(), PoolSettings.of(2, Duration.ofSeconds(5)), "ext-seq");
          Connection app = pool.getConnection();
          Statement sql = app.createStatement();
          ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM products")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(4);
      }
    }
  }

  @Test
  void writesThroughThePrimaryAndReadsReadOnlyThroughAReplicationUrl() throws SQLException {
    String url =
        "jdbc:mariadb:replication://127.0.0.1:" + port + ",127.0.0.1:" + port + "/" + SCHEMA;
    try (Database database = external(url)) {
      database.start();
      database.migrate();
      try (HikariDataSource pool =
          DataSources.create(
              database.appConnection(), PoolSettings.of(2, Duration.ofSeconds(5)), "ext-repl")) {
        try (Connection primary = pool.getConnection();
            Statement sql = primary.createStatement()) {
          assertThat(sql.executeUpdate("UPDATE products SET stock = 49 WHERE sku = 'FB-MUG'"))
              .isEqualTo(1);
        }
        try (Connection replica = pool.getConnection()) {
          replica.setReadOnly(true); // Connector/J sends it to a replica
          try (Statement sql = replica.createStatement();
              ResultSet rows =
                  sql.executeQuery("SELECT stock FROM products WHERE sku = 'FB-MUG'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(49);
            // Read-only for real, as a replica is: a write on it is refused.
            assertThatThrownBy(
                    () -> sql.executeUpdate("UPDATE products SET stock = 1 WHERE sku = 'FB-MUG'"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("READ ONLY");
          }
          replica.setReadOnly(false);
        }
      }
    }
  }

  @Test
  void saysWhichUrlAndUserFailedWhenNoHostAnswers() {
    // Connector/J tries every host of a failover URL 120 times (about 30 s) before giving up,
    // unless the URL says otherwise.
    String url =
        "jdbc:mariadb:sequential://127.0.0.1:" + deadPort + "/" + SCHEMA + "?retriesAllDown=2";
    try (Database database = external(url)) {
      assertThatThrownBy(database::start)
          .isInstanceOf(DatabaseException.class)
          .hasMessageStartingWith("cannot connect to " + url + " as " + ADMIN + ": ")
          .hasMessageNotContaining(ADMIN_PASSWORD);
    }
  }
}
