package com.foobar.db.replication;

/**
 * A replica as {@code SHOW SLAVE STATUS} reports it.
 *
 * @param primary {@code host:port} of the primary it replicates from, running or not; empty for a
 *     server that is no replica
 * @param ioRunning whether it is reading the primary's binary log ({@code Slave_IO_Running})
 * @param sqlRunning whether it is applying what it read ({@code Slave_SQL_Running})
 * @param lagSeconds {@code Seconds_Behind_Master}, or -1 when unknown (not replicating)
 * @param gtidPosition the last GTID applied ({@code Gtid_Slave_Pos}); of a server that is no
 *     replica, its own position
 * @param semiSync whether semi-synchronous replication is in effect now (a primary: acknowledged
 *     commits; a replica: acknowledging), not merely enabled
 * @param lastError the last IO or SQL error, empty when none
 */
public record ReplicaStatus(
    String primary,
    boolean ioRunning,
    boolean sqlRunning,
    long lagSeconds,
    String gtidPosition,
    boolean semiSync,
    String lastError) {

  /** A server that replicates from no primary. */
  public static ReplicaStatus notAReplica(String gtidPosition, boolean semiSync) {
    return new ReplicaStatus("", false, false, -1, gtidPosition, semiSync, "");
  }

  /** Whether it replicates from a primary at all (has a {@code SHOW SLAVE STATUS} row). */
  public boolean replica() {
    return !primary.isEmpty();
  }

  public boolean replicating() {
    return ioRunning && sqlRunning;
  }

  /**
   * One line for a status table: {@code replica of 10.0.0.5:3306, lag 0 s, semi-sync on}, {@code
   * replica of 10.0.0.5:3306 NOT replicating: <error>}, or {@code primary, GTID 0-1-58, semi-sync
   * off}.
   */
  public String summary() {
    String semi = ", semi-sync " + (semiSync ? "on" : "off");
    if (!replica()) {
      return "primary, GTID " + gtidPosition + semi;
    }
    if (!replicating()) {
      return "replica of "
          + primary
          + " NOT replicating"
          + (lastError.isBlank() ? "" : ": " + lastError.strip());
    }
    return "replica of "
        + primary
        + ", lag "
        + (lagSeconds < 0 ? "unknown" : lagSeconds + " s")
        + semi;
  }
}
