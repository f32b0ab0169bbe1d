package com.foobar.db.replication;

/**
 * A replica as {@code SHOW SLAVE STATUS} reports it.
 *
 * @param ioRunning whether it is reading the primary's binary log ({@code Slave_IO_Running})
 * @param sqlRunning whether it is applying what it read ({@code Slave_SQL_Running})
 * @param lagSeconds {@code Seconds_Behind_Master}, or -1 when unknown (not replicating)
 * @param gtidPosition the last GTID applied ({@code Gtid_Slave_Pos})
 * @param lastError the last IO or SQL error, empty when none
 */
public record ReplicaStatus(
    boolean ioRunning, boolean sqlRunning, long lagSeconds, String gtidPosition, String lastError) {

  /** A server that replicates from no primary. */
  public static ReplicaStatus notAReplica(String gtidPosition) {
    return new ReplicaStatus(false, false, -1, gtidPosition, "");
  }

  public boolean replicating() {
    return ioRunning && sqlRunning;
  }
}
