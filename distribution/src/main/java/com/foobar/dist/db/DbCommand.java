package com.foobar.dist.db;

import com.foobar.db.DatabaseConfig;
import com.foobar.db.DatabaseException;
import com.foobar.db.migration.SchemaMigrator;
import com.foobar.dist.ExitStatus;
import com.foobar.dist.Foobar;
import com.foobar.dist.config.ConfigOptions;
import com.foobar.dist.release.Release;
import com.foobar.dist.release.Releases;
import com.foobar.dist.stack.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code foobar db migrate|info|backup|restore}: the schema and the data, as the schema owner,
 * against the running embedded MariaDB (or one started for the command) or the external one.
 */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description =
        "Act on the running application's database (the store's, or that of the current"
            + " release's own application): migrate, info, repair, backup FILE, restore FILE;"
            + " replication: replica init|status, promote.",
    subcommands = {
      DbCommand.Migrate.class,
      DbCommand.Info.class,
      DbCommand.Repair.class,
      DbCommand.Backup.class,
      DbCommand.Restore.class,
      ReplicaCommand.class,
      PromoteCommand.class
    })
public final class DbCommand implements Runnable {
  @Override
  public void run() {
    System.err.println(
        "foobar db: say what to do: migrate, info, repair, backup FILE, restore FILE, replica"
            + " init|status or promote");
  }

  /**
   * The current release when it is an application of the user's (with a database of its own), empty
   * for the bundled store: what {@code foobar db} acts on is the application that runs.
   */
  private static Optional<Release> usersApplication() {
    return Releases.of(Foobar.home()).current().filter(r -> !r.application().equals(Release.STORE));
  }

  /** The database the running application keeps its tables in. */
  private static String applicationDatabase(DatabaseSession session) {
    return usersApplication()
        .map(r -> r.database(session.databaseName()))
        .orElse(session.databaseName());
  }

  /** The running application's migrations, on its database. */
  private static SchemaMigrator schemaOf(DatabaseSession session) {
    Optional<Release> release = usersApplication();
    return release.isPresent()
        ? SchemaMigrator.of(
            session.admin(),
            applicationDatabase(session),
            release.get().webApp().resolve(ReleaseSchema.MIGRATIONS))
        : new SchemaMigrator(session.admin());
  }

  /** Runs the action in a session with the configured database; the exit status. */
  static int inSession(ConfigOptions options, String what, Action action) {
    return inSession(options.tiers().database(Secrets.of(Foobar.home())), what, action);
  }

  /** On this host's embedded MariaDB, whatever db.url says: the replication commands. */
  static int inEmbeddedSession(ConfigOptions options, String what, Action action) {
    return inSession(options.tiers().embeddedDatabase(Secrets.of(Foobar.home())), what, action);
  }

  private static int inSession(DatabaseConfig config, String what, Action action) {
    try (DatabaseSession session = DatabaseSession.open(config)) {
      return action.run(session);
    } catch (DatabaseException | IOException | IllegalArgumentException e) {
      System.err.println("foobar db " + what + ": " + e.getMessage());
      return ExitStatus.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitStatus.FAILED;
    }
  }

  interface Action {
    int run(DatabaseSession session) throws IOException, InterruptedException;
  }

  private static int runTool(ProcessBuilder tool, String what)
      throws IOException, InterruptedException {
    // stdout to nowhere: the dump goes to --result-file, and an unread pipe could block the tool.
    Process process = tool.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      System.err.println(
          "foobar db " + what + ": " + tool.command().get(0) + " failed: " + errors.strip());
      return ExitStatus.FAILED;
    }
    return ExitStatus.OK;
  }

  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = "Apply pending migrations.")
  static final class Migrate implements Callable<Integer> {
    @Mixin private ConfigOptions options;

    @Override
    public Integer call() {
      return inSession(
          options,
          "migrate",
          session -> {
            Optional<Release> release = usersApplication();
            System.out.println(
                "foobar db migrate: "
                    + (release.isPresent()
                        ? ReleaseSchema.prepare(options.tiers(), release.get())
                        : new SchemaMigrator(session.admin()).migrate()));
            return ExitStatus.OK;
          });
    }
  }

  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "List the migrations and their state.")
  static final class Info implements Callable<Integer> {
    @Mixin private ConfigOptions options;

    @Override
    public Integer call() {
      return inSession(
          options,
          "info",
          session -> {
            for (String line : schemaOf(session).info()) {
              System.out.println(line);
            }
            return ExitStatus.OK;
          });
    }
  }

  @Command(
      name = "repair",
      mixinStandardHelpOptions = true,
      description =
          "After a failed migration was undone by hand: remove it from the schema history, so"
              + " the next deploy or migrate runs it again (Flyway's repair).")
  static final class Repair implements Callable<Integer> {
    @Mixin private ConfigOptions options;

    @Override
    public Integer call() {
      return inSession(
          options,
          "repair",
          session -> {
            System.out.println("foobar db repair: " + schemaOf(session).repair());
            return ExitStatus.OK;
          });
    }
  }

  @Command(
      name = "backup",
      mixinStandardHelpOptions = true,
      description =
          "Write a consistent dump of the database (mariadb-dump, one transaction) to FILE.")
  static final class Backup implements Callable<Integer> {
    @Mixin private ConfigOptions options;

    @Parameters(paramLabel = "FILE", description = "Where to write the dump (SQL).")
    private Path file;

    @Override
    public Integer call() {
      return inSession(
          options,
          "backup",
          session -> {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            ProcessBuilder dump =
                session.tool(
                    "mariadb-dump",
                    List.of(
                        "--single-transaction", // a consistent snapshot without locking writers
                        "--routines",
                        "--triggers",
                        "--hex-blob",
                        "--databases",
                        applicationDatabase(session),
                        "--result-file=" + partial.toAbsolutePath()));
            int status = runTool(dump, "backup");
            if (status != 0) {
              Files.deleteIfExists(partial);
              return status;
            }
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println(
                "foobar db backup: "
                    + applicationDatabase(session)
                    + " -> "
                    + file
                    + " ("
                    + Files.size(file)
                    + " bytes)");
            return ExitStatus.OK;
          });
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = "Replace the database's tables with those of a dump made by backup.")
  static final class Restore implements Callable<Integer> {
    @Mixin private ConfigOptions options;

    @Parameters(paramLabel = "FILE", description = "A dump written by foobar db backup.")
    private Path file;

    @Override
    public Integer call() {
      if (!Files.isReadable(file)) {
        System.err.println("foobar db restore: cannot read " + file);
        return ExitStatus.CONFIG_ERROR;
      }
      return inSession(
          options,
          "restore",
          session -> {
            ProcessBuilder load =
                session.tool("mariadb", List.of("--batch")).redirectInput(file.toFile());
            int status = runTool(load, "restore");
            if (status == 0) {
              System.out.println(
                  "foobar db restore: " + file + " loaded (into the database it was made from)");
            }
            return status;
          });
    }
  }
}
