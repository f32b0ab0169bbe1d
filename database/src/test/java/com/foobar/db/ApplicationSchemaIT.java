package com.foobar.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.db.migration.ApplicationSchema;
import com.foobar.db.migration.SchemaMigrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deployed application's own database beside the store's: created, migrated from V1 with a
 * history of its own, its tables granted to the application user as rows only, and a failed
 * migration reported with Flyway's message (and recorded, as Flyway does where DDL cannot roll
 * back).
 */
class ApplicationSchemaIT {
  private static final String DATABASE = "foobar_hello_it";

  private Path migrations;

  @BeforeEach
  void freshDatabase() throws Exception {
    dropDatabase();
    migrations = Files.createDirectories(Files.createTempDirectory(Path.of("target"), "mig"));
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + DATABASE);
      // MariaDB keeps table grants past a DROP DATABASE: without this, the application user's
      // grants (which DatabaseIT lists exactly) would carry this test's tables.
      sql.execute("DELETE FROM mysql.tables_priv WHERE Db = '" + DATABASE + "'");
      sql.execute("FLUSH PRIVILEGES");
    }
  }

  @Test
  void migratesTheApplicationsOwnDatabaseFromV1WithoutTouchingTheStores() throws Exception {
    write(
        "V1__greetings.sql",
        "CREATE TABLE greetings (id INT PRIMARY KEY, text VARCHAR(40));"
            + "INSERT INTO greetings VALUES (1, 'hello'), (2, 'hallo');");

    assertThat(schema().prepare(DATABASE, migrations, EmbeddedDatabaseFixture.APP_USER))
        .isEqualTo("schema at version 1 (1 migration applied)");
    write("V2__language.sql", "ALTER TABLE greetings ADD COLUMN language CHAR(2) DEFAULT 'en';");
    assertThat(schema().prepare(DATABASE, migrations, EmbeddedDatabaseFixture.APP_USER))
        .isEqualTo("schema at version 2 (1 migration applied)");
    assertThat(schema().prepare(DATABASE, migrations, EmbeddedDatabaseFixture.APP_USER))
        .isEqualTo("schema at version 2 (0 migrations applied)");

    try (Connection app = open(EmbeddedDatabaseFixture.database().appConnection(DATABASE));
        Statement sql = app.createStatement()) {
      assertThat(rows(sql, "SELECT CONCAT(text, ' ', language) FROM greetings ORDER BY id"))
          .containsExactly("hello en", "hallo en");
      assertThat(sql.executeUpdate("UPDATE greetings SET language = 'de' WHERE id = 2"))
          .isEqualTo(1);
      assertThatThrownBy(() -> sql.execute("ALTER TABLE greetings ADD COLUMN x INT"))
          .hasMessageContaining("ALTER command denied");
      assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM flyway_schema_history"))
          .hasMessageContaining("SELECT command denied");
    }
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        Statement sql = admin.createStatement()) {
      assertThat(
              rows(
                  sql,
                  "SELECT CONCAT(version, ' ', description) FROM "
                      + DATABASE
                      + ".flyway_schema_history ORDER BY installed_rank"))
          .containsExactly("1 greetings", "2 language");
      assertThat(rows(sql, "SELECT MAX(version + 0) FROM foobar.flyway_schema_history"))
          .containsExactly("6");
      assertThat(
              rows(
                  sql,
                  "SELECT default_character_set_name FROM information_schema.schemata"
                      + " WHERE schema_name = '"
                      + DATABASE
                      + "'"))
          .containsExactly("utf8mb4");
    }
  }

  @Test
  void aFailedMigrationIsReportedWithFlywaysMessageAndRefusedUntilRepaired() throws Exception {
    write("V1__greetings.sql", "CREATE TABLE greetings (id INT PRIMARY KEY);");
    schema().prepare(DATABASE, migrations, EmbeddedDatabaseFixture.APP_USER);
    write("V2__broken.sql", "ALTER TABLE no_such_table ADD COLUMN x INT;");

    assertThatThrownBy(
            () -> schema().prepare(DATABASE, migrations, EmbeddedDatabaseFixture.APP_USER))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("schema migration failed")
        .hasMessageContaining("V2__broken.sql")
        .hasMessageContaining("no_such_table' doesn't exist");
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        Statement sql = admin.createStatement()) {
      assertThat(
              rows(
                  sql,
                  "SELECT CONCAT(version, ' ', success) FROM "
                      + DATABASE
                      + ".flyway_schema_history ORDER BY installed_rank"))
          .containsExactly("1 1", "2 0"); // MariaDB's DDL is not transactional: Flyway says so
    }
    // The failed row stays until the operator has cleaned up by hand; until then Flyway refuses.
    assertThatThrownBy(
            () -> schema().prepare(DATABASE, migrations, EmbeddedDatabaseFixture.APP_USER))
        .hasMessageContaining("Detected failed migration to version 2");

    // The operator's way out: repair (what it did half-way undone by hand first), then a fixed V2.
    assertThat(
            SchemaMigrator.of(EmbeddedDatabaseFixture.adminConnection(), DATABASE, migrations)
                .repair())
        .isEqualTo("1 failed migration removed from the history");
    write("V2__broken.sql", "ALTER TABLE greetings ADD COLUMN x INT;");
    assertThat(schema().prepare(DATABASE, migrations, EmbeddedDatabaseFixture.APP_USER))
        .isEqualTo("schema at version 2 (1 migration applied)");
  }

  @Test
  void withoutMigrationsTheDatabaseIsThereAndEmpty() throws Exception {
    assertThat(
            schema()
                .prepare(DATABASE, migrations.resolve("absent"), EmbeddedDatabaseFixture.APP_USER))
        .isEqualTo("no migrations");
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        Statement sql = admin.createStatement()) {
      assertThat(
              rows(
                  sql,
                  "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
                      + DATABASE
                      + "'"))
          .containsExactly("0");
    }
  }

  @Test
  void aNameThatCannotGoIntoDdlIsRefused() {
    assertThatThrownBy(
            () -> schema().prepare("x`; DROP DATABASE foobar; --", migrations, "foobar_app"))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("must be 1-64 letters, digits or _");
  }

  private static ApplicationSchema schema() {
    return new ApplicationSchema(EmbeddedDatabaseFixture.adminConnection(), true);
  }

  private void write(String name, String sql) throws Exception {
    Files.writeString(migrations.resolve(name), sql);
  }

  private static List<String> rows(Statement sql, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet result = sql.executeQuery(query)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  private static Connection open(DbConnection connection) throws SQLException {
    return DriverManager.getConnection(
        connection.jdbcUrl(), connection.user(), connection.password());
  }
}
