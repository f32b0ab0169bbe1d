package com.foobar.db.replication;

import com.foobar.db.DatabaseException;
import com.foobar.db.DbConnection;
import com.foobar.db.embedded.Bootstrap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * MariaDB's own GTID replication, set up the way its documentation does it: a replication user with
 * {@code REPLICATION SLAVE} only on the primary; on the replica a consistent copy of the primary
 * with its GTID position ({@code mariadb-dump --single-transaction --gtid --master-data}), then
 * {@code CHANGE MASTER TO … MASTER_USE_GTID=slave_pos} and {@code START SLAVE}, the replica
 * read-only. Promotion stops replicating and makes it writable.
 */
public final class Replication {
  private static final int APPLY_TIMEOUT_SECONDS = 600;

  private Replication() {}

  /** Where a replica reads from, and as whom. */
  public record Primary(String host, int port, String user, String password) {
    @Override
    public String toString() {
      return "Primary[" + host + ":" + port + ", user=" + user + "]"; // never the password
    }
  }

  /** Creates (or re-keys) the replication user on the primary, with the replication grant only. */
  public static void createReplicationUser(
      DbConnection primaryAdmin, String user, String password) {
    createAccount(primaryAdmin, "replication user", user, password, "REPLICATION SLAVE");
  }

  /**
   * Creates (or re-keys) the user a new replica's copy is made as: what {@code mariadb-dump
   * --single-transaction --master-data --all-databases} reads (every table, the accounts, views,
   * routines, events and triggers, the binary log position), and nothing it could write.
   */
  public static void createCopyUser(DbConnection primaryAdmin, String user, String password) {
    createAccount(
        primaryAdmin,
        "copy user",
        user,
        password,
        "SELECT, RELOAD, LOCK TABLES, BINLOG MONITOR, SHOW VIEW, EVENT, TRIGGER");
  }

  private static void createAccount(
      DbConnection admin, String what, String user, String password, String privileges) {
    Bootstrap.requireName(what, user);
    String account = "'" + user + "'@'%'";
    String secret = "'" + password.replace("\\", "\\\\").replace("'", "''") + "'";
    execute(
        admin,
        "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + secret,
        "ALTER USER " + account + " IDENTIFIED BY " + secret,
        "GRANT " + privileges + " ON *.* TO " + account);
  }

  /**
   * Copies the primary into the replica and starts replicating from the copy's GTID position.
   *
   * @param dump the primary's data as {@code dumpUser} reads it (mariadb-dump over TCP)
   * @param dumpTool {@code mariadb-dump}; {@code clientTool} {@code mariadb}, both of the bundle
   * @param replicaSocket the replica's Unix socket, where its schema owner loads the copy
   * @param replicationUser the user of {@link #createReplicationUser}, which the replica connects
   *     as from then on
   * @throws DatabaseException with the tool's or the server's message
   */
  public static void initReplica(
      Primary dump,
      Path dumpTool,
      Path clientTool,
      Path replicaSocket,
      DbConnection replicaAdmin,
      String replicationUser,
      String replicationPassword,
      Path work) {
    Path copy = work.resolve("replica-init.sql");
    try {
      Files.createDirectories(work);
      run(
          new ProcessBuilder(
              dumpTool.toString(),
              "--host=" + dump.host(),
              "--port=" + dump.port(),
              "--user=" + dump.user(),
              "--skip-ssl",
              "--single-transaction", // one consistent snapshot, writers not blocked
              "--gtid", // the position as a GTID …
              "--master-data=1", // … written into the copy: SET GLOBAL gtid_slave_pos
              "--routines",
              "--triggers",
              "--events",
              "--all-databases", // the accounts too: the replica serves the same users
              "--result-file=" + copy),
          dump.password(),
          "mariadb-dump of " + dump);
      // A fresh replica: what it logged of its own (its bootstrap) would conflict with the copy's
      // GTID position, so its binary log starts again empty.
      execute(replicaAdmin, "STOP SLAVE", "RESET SLAVE ALL", "RESET MASTER");
      run(
          new ProcessBuilder(
                  clientTool.toString(),
                  "--socket=" + replicaSocket,
                  "--user=" + System.getProperty("user.name"),
                  "--skip-ssl",
                  // The copy is the primary's history, not new events of this server: not logged,
                  // or strict GTID mode would refuse the primary's next events as out of order.
                  "--init-command=SET SESSION sql_log_bin=0",
                  "--batch")
              .redirectInput(copy.toFile()),
          null,
          "loading the copy into the replica");
      String secret = replicationPassword.replace("\\", "\\\\").replace("'", "''");
      execute(
          replicaAdmin,
          // The copy wrote the primary's accounts into the system tables; LOCAL: not a GTID of
          // this server, which strict mode would then find out of order with the primary's next.
          "FLUSH LOCAL PRIVILEGES",
          "CHANGE MASTER TO MASTER_HOST='"
              + dump.host().replace("'", "")
              + "', MASTER_PORT="
              + dump.port()
              + ", MASTER_USER='"
              + replicationUser.replace("'", "")
              + "', MASTER_PASSWORD='"
              + secret
              + "', MASTER_USE_GTID=slave_pos"
              // The embedded servers run without TLS (loopback or a private link); 11.4 would
              // otherwise insist on it and on verifying the primary's certificate.
              + ", MASTER_SSL=0, MASTER_SSL_VERIFY_SERVER_CERT=0",
          "SET GLOBAL read_only = 1"); // only replication writes here until promoted
      semiSyncAs(replicaAdmin, Role.REPLICA);
      execute(replicaAdmin, "START SLAVE");
    } catch (IOException e) {
      throw new DatabaseException(
          "cannot copy " + dump + " into the replica: " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(copy); // it holds every account's password hash
      } catch (IOException ignored) {
        // a leftover in the work directory, which only the owner reads
      }
    }
  }

  /** {@code SHOW SLAVE STATUS}, or "not a replica" with the server's own GTID position. */
  public static ReplicaStatus status(DbConnection server) {
    try (Connection connection = open(server);
        Statement sql = connection.createStatement();
        ResultSet row = sql.executeQuery("SHOW SLAVE STATUS")) {
      if (!row.next()) {
        try (ResultSet position = sql.executeQuery("SELECT @@gtid_current_pos")) {
          position.next();
          return ReplicaStatus.notAReplica(
              position.getString(1), statusOn(sql, "Rpl_semi_sync_master_status"));
        }
      }
      String lag = row.getString("Seconds_Behind_Master");
      String ioError = row.getString("Last_IO_Error");
      String sqlError = row.getString("Last_SQL_Error");
      boolean io = "Yes".equals(row.getString("Slave_IO_Running"));
      boolean applying = "Yes".equals(row.getString("Slave_SQL_Running"));
      String applied;
      try (ResultSet position = sql.executeQuery("SELECT @@gtid_slave_pos")) {
        position.next();
        applied = position.getString(1);
      }
      return new ReplicaStatus(
          row.getString("Master_Host") + ":" + row.getInt("Master_Port"),
          io,
          applying,
          lag == null ? -1 : Long.parseLong(lag),
          applied,
          statusOn(sql, "Rpl_semi_sync_slave_status"),
          (ioError == null ? "" : ioError)
              + (sqlError == null || sqlError.isEmpty() ? "" : " " + sqlError));
    } catch (SQLException e) {
      throw new DatabaseException("cannot read the replication status: " + e.getMessage(), e);
    }
  }

  /**
   * Stops replicating and makes the server writable: it is the primary from now on ({@code RESET
   * SLAVE ALL} also removes the {@code master.info} by which a restart would come up read-only).
   */
  public static void promote(DbConnection replica) {
    // What it received but has not applied yet (with semi-sync: commits the primary confirmed)
    // is applied before RESET SLAVE throws the relay log away.
    try (Connection connection = open(replica);
        Statement sql = connection.createStatement()) {
      sql.execute("STOP SLAVE IO_THREAD");
      String received;
      try (ResultSet row = sql.executeQuery("SHOW SLAVE STATUS")) {
        received = row.next() ? row.getString("Gtid_IO_Pos") : "";
      }
      if (received != null && !received.isEmpty()) {
        try (ResultSet waited =
            sql.executeQuery(
                "SELECT MASTER_GTID_WAIT('"
                    + received.replace("'", "")
                    + "', "
                    + APPLY_TIMEOUT_SECONDS
                    + ")")) {
          waited.next();
          if (waited.getInt(1) != 0) {
            throw new DatabaseException(
                "not promoted: the replica did not apply what it received (up to "
                    + received
                    + ") within "
                    + APPLY_TIMEOUT_SECONDS
                    + " s; see foobar db replica status",
                null);
          }
        }
      }
    } catch (SQLException e) {
      throw new DatabaseException("replication: " + e.getMessage(), e);
    }
    execute(replica, "STOP SLAVE", "RESET SLAVE ALL");
    semiSyncAs(replica, Role.PRIMARY);
    execute(replica, "SET GLOBAL read_only = 0");
  }

  private enum Role {
    PRIMARY,
    REPLICA
  }

  /**
   * On a server that uses semi-synchronous replication, the side of its new role: a primary waits
   * for acknowledgements, a replica gives them (as the db tier starts them). Nothing on one that
   * does not.
   */
  private static void semiSyncAs(DbConnection server, Role role) {
    try (Connection connection = open(server);
        Statement sql = connection.createStatement();
        ResultSet row =
            sql.executeQuery(
                "SELECT @@rpl_semi_sync_master_enabled OR @@rpl_semi_sync_slave_enabled")) {
      row.next();
      if (!row.getBoolean(1)) {
        return;
      }
      boolean primary = role == Role.PRIMARY;
      sql.execute("SET GLOBAL rpl_semi_sync_slave_enabled = " + (primary ? "OFF" : "ON"));
      sql.execute("SET GLOBAL rpl_semi_sync_master_enabled = " + (primary ? "ON" : "OFF"));
    } catch (SQLException e) {
      throw new DatabaseException("replication: " + e.getMessage(), e);
    }
  }

  private static boolean statusOn(Statement sql, String variable) throws SQLException {
    try (ResultSet row = sql.executeQuery("SHOW GLOBAL STATUS LIKE '" + variable + "'")) {
      return row.next() && "ON".equalsIgnoreCase(row.getString(2));
    }
  }

  private static void execute(DbConnection server, String... statements) {
    try (Connection connection = open(server);
        Statement sql = connection.createStatement()) {
      for (String statement : statements) {
        sql.execute(statement);
      }
    } catch (SQLException e) {
      throw new DatabaseException("replication: " + e.getMessage(), e);
    }
  }

  private static Connection open(DbConnection server) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
  }

  private static void run(ProcessBuilder tool, String password, String what) throws IOException {
    if (password != null) {
      tool.environment().put("MYSQL_PWD", password); // not on the command line, which ps shows
    }
    Path errors = Files.createTempFile("foobar-replication", ".err");
    try {
      Process process =
          tool.redirectError(errors.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      boolean done = process.waitFor(30, TimeUnit.MINUTES);
      if (!done || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException(
            what + " failed: " + Files.readString(errors, StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + " interrupted", e);
    } finally {
      Files.deleteIfExists(errors);
    }
  }
}
