package com.foobar.db.replication;

import com.foobar.db.DatabaseException;
import com.foobar.db.DbConnection;

/**
 * The database tier's Prometheus gauges, read from the server at each scrape: whether it answers,
 * whether it is a replica, its threads, its lag, and whether semi-sync is in effect (names after
 * mysqld_exporter's {@code mysql_slave_status_*}, which an operator may know).
 */
public final class ReplicationMetrics {
  private ReplicationMetrics() {}

  public static void render(StringBuilder out, DbConnection admin) {
    ReplicaStatus status;
    try {
      status = Replication.status(admin);
    } catch (DatabaseException e) {
      gauge(out, "foobar_db_up", "Whether the database answers (1) or not (0).", 0);
      return;
    }
    gauge(out, "foobar_db_up", "Whether the database answers (1) or not (0).", 1);
    gauge(
        out,
        "foobar_db_replica",
        "Whether this server replicates from a primary (1) or is a primary (0).",
        status.replica() ? 1 : 0);
    gauge(
        out,
        "foobar_db_semi_sync",
        "Whether semi-synchronous replication is in effect now (a primary waiting, a replica"
            + " acknowledging).",
        status.semiSync() ? 1 : 0);
    if (!status.replica()) {
      return;
    }
    gauge(
        out,
        "foobar_db_replica_io_running",
        "Whether the replica reads the primary's binary log.",
        status.ioRunning() ? 1 : 0);
    gauge(
        out,
        "foobar_db_replica_sql_running",
        "Whether the replica applies what it read.",
        status.sqlRunning() ? 1 : 0);
    if (status.lagSeconds() >= 0) {
      gauge(
          out,
          "foobar_db_replica_lag_seconds",
          "How far the replica is behind the primary (Seconds_Behind_Master).",
          status.lagSeconds());
    }
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
    out.append(name).append(' ').append(value).append('\n');
  }
}
