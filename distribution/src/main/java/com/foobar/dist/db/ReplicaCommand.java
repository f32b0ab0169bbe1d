package com.foobar.dist.db;

import com.foobar.db.Database;
import com.foobar.db.DatabaseConfig;
import com.foobar.db.replication.ReplicaStatus;
import com.foobar.db.replication.Replication;
import com.foobar.dist.ExitStatus;
import com.foobar.dist.config.ConfigOptions;
import com.foobar.dist.config.DbKey;
import com.foobar.dist.config.FoobarConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code foobar db replica init|status}: this host's embedded MariaDB as a replica of another
 * host's, by MariaDB's own GTID replication (see docs/scaling.md).
 */
@Command(
    name = "replica",
    mixinStandardHelpOptions = true,
    description =
        "This host's database as a replica of a primary: init --primary HOST:PORT, status.",
    subcommands = {ReplicaCommand.Init.class, ReplicaCommand.Status.class})
final class ReplicaCommand implements Runnable {
  @Override
  public void run() {
    System.err.println("foobar db replica: say what to do: init --primary HOST:PORT, or status");
  }

  /** Why this host cannot be a replica as configured, or empty when it can. */
  static Optional<String> refusal(FoobarConfig config) {
    if (!config.isEmpty(DbKey.URL) && config.integer(DbKey.SERVER_ID) == 0) {
      return Optional.of(
          "db.url names an external server: its replicas are made with its own tools; this"
              + " command makes the embedded MariaDB a replica");
    }
    if (config.integer(DbKey.SERVER_ID) == 0) {
      return Optional.of(
          "db.server-id is 0: give this server an id of its own (not the primary's), start the db"
              + " tier again so it keeps a binary log, then run this again");
    }
    if (config.isEmpty(DbKey.REPLICATION_PASSWORD)) {
      return Optional.of("db.replication.password is empty: set the primary's");
    }
    return Optional.empty();
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description =
          "Replace this server's data with a consistent copy of the primary (mariadb-dump, one"
              + " transaction, with its GTID position) and replicate from there, read-only.")
  static final class Init implements Callable<Integer> {
    @Mixin private ConfigOptions options;

    @Option(
        names = "--primary",
        required = true,
        paramLabel = "HOST:PORT",
        description = "The primary's MariaDB, as this host reaches it.")
    private String primary;

    @Override
    public Integer call() {
      FoobarConfig config = options.tiers().config();
      Optional<String> refused = refusal(config);
      int colon = primary.lastIndexOf(':');
      if (refused.isEmpty() && (colon < 1 || !primary.substring(colon + 1).matches("\\d{1,5}"))) {
        refused = Optional.of("--primary '" + primary + "' is not HOST:PORT");
      }
      if (refused.isPresent()) {
        System.err.println("foobar db replica init: " + refused.get());
        return ExitStatus.CONFIG_ERROR;
      }
      String host = primary.substring(0, colon).replaceAll("^\\[|\\]$", "");
      int port = Integer.parseInt(primary.substring(colon + 1));
      String user = config.text(DbKey.REPLICATION_USER);
      String password = config.text(DbKey.REPLICATION_PASSWORD);
      return DbCommand.inEmbeddedSession(
          options,
          "replica init",
          session -> {
            DatabaseConfig db = session.config();
            Path work = db.dataDirectory().resolveSibling("replica-init");
            Files.createDirectories(work);
            // The copy holds every account's password hash: the owner's only.
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
            Replication.initReplica(
                new Replication.Primary(host, port, Database.copyUser(user), password),
                db.baseDirectory().resolve("bin/mariadb-dump"),
                db.baseDirectory().resolve("bin/mariadb"),
                session.socket(),
                session.admin(),
                user,
                password,
                work);
            ReplicaStatus status = Replication.status(session.admin());
            System.out.println(
                "foobar db replica init: copied "
                    + host
                    + ":"
                    + port
                    + " at GTID "
                    + status.gtidPosition()
                    + "; replicating from it, read-only until 'foobar db promote'");
            return ExitStatus.OK;
          });
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Whether this server replicates: its threads, lag, GTID position, semi-sync and last"
              + " error. Exits 1 when it is a replica that is not replicating.")
  static final class Status implements Callable<Integer> {
    @Mixin private ConfigOptions options;

    @Override
    public Integer call() {
      return DbCommand.inEmbeddedSession(
          options,
          "replica status",
          session -> {
            ReplicaStatus status = Replication.status(session.admin());
            System.out.println(describe(status));
            return status.replica() && !status.replicating() ? ExitStatus.FAILED : ExitStatus.OK;
          });
    }

    private static String describe(ReplicaStatus status) {
      if (!status.replica()) {
        return "not a replica (writable); GTID position "
            + status.gtidPosition()
            + (status.semiSync() ? "; semi-sync: commits wait for a replica" : "");
      }
      return "replica of "
          + status.primary()
          + ": reading "
          + (status.ioRunning() ? "yes" : "NO")
          + ", applying "
          + (status.sqlRunning() ? "yes" : "NO")
          + ", lag "
          + (status.lagSeconds() < 0 ? "unknown" : status.lagSeconds() + " s")
          + ", GTID "
          + status.gtidPosition()
          + ", semi-sync "
          + (status.semiSync() ? "on" : "off")
          + (status.lastError().isBlank() ? "" : "; last error: " + status.lastError().strip());
    }
  }
}
