package com.foobar.db.embedded;

/**
 * How an embedded server takes part in a network: where it listens, and its replication role.
 *
 * @param bindAddress mariadbd's {@code --bind-address}: one address, or several comma-separated
 * @param serverId 0: a single server, no binary log; else this server's replication id, with the
 *     GTID binary log a replica reads (and which a promoted replica has kept for its own)
 * @param semiSync semi-synchronous replication: a commit on the primary returns once a replica has
 *     it in its relay log; the server waits as a primary or acknowledges as a replica, whichever it
 *     is
 * @param semiSyncTimeoutMs how long a commit waits for a replica's acknowledgement before the
 *     primary goes on asynchronously (until a replica has caught up again)
 */
public record ServerOptions(
    String bindAddress, int serverId, boolean semiSync, int semiSyncTimeoutMs) {
  /** MariaDB's own default. */
  public static final int SEMI_SYNC_TIMEOUT_MS = 10_000;

  /** One server on one host: loopback only, no binary log. */
  public static final ServerOptions SINGLE =
      new ServerOptions("127.0.0.1", 0, false, SEMI_SYNC_TIMEOUT_MS);

  public ServerOptions {
    if (!bindAddress.matches("[0-9A-Fa-f.:*,]+")) {
      throw new IllegalArgumentException("'" + bindAddress + "' is not a list of addresses");
    }
    if (serverId < 0) {
      throw new IllegalArgumentException("a server id is 0 (none) or a positive number");
    }
    if (semiSyncTimeoutMs < 1) {
      throw new IllegalArgumentException("a semi-sync timeout is 1 ms or more");
    }
    if (semiSync && serverId == 0) {
      throw new IllegalArgumentException("semi-synchronous replication needs a server id");
    }
  }
}
