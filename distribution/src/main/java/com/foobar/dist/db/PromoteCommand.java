package com.foobar.dist.db;

import com.foobar.db.replication.ReplicaStatus;
import com.foobar.db.replication.Replication;
import com.foobar.dist.ExitStatus;
import com.foobar.dist.config.ConfigOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code foobar db promote}: this replica stops replicating and becomes writable, the primary from
 * now on (the lost-primary procedure in docs/scaling.md).
 */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description =
        "Stop replicating and become writable: this server is the primary from now on; point the"
            + " app instances' db.url at it.")
final class PromoteCommand implements Callable<Integer> {
  @Mixin private ConfigOptions options;

  @Override
  public Integer call() {
    return DbCommand.inEmbeddedSession(
        options,
        "promote",
        session -> {
          ReplicaStatus before = Replication.status(session.admin());
          if (!before.replica()) {
            System.err.println(
                "foobar db promote: this server is not a replica (already writable)");
            return ExitStatus.CONFIG_ERROR;
          }
          Replication.promote(session.admin());
          System.out.println(
              "foobar db promote: writable, the primary from now on (GTID "
                  + Replication.status(session.admin()).gtidPosition()
                  + ")");
          return ExitStatus.OK;
        });
  }
}
