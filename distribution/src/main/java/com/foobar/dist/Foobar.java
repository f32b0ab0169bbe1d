package com.foobar.dist;

import com.foobar.dist.config.ConfigException;
import com.foobar.dist.control.DeployCommand;
import com.foobar.dist.control.RollbackCommand;
import com.foobar.dist.control.StartCommand;
import com.foobar.dist.control.StopCommand;
import com.foobar.dist.db.DbCommand;
import com.foobar.dist.dns.DnsCommand;
import com.foobar.dist.release.ReleasesCommand;
import com.foobar.dist.run.RunCommand;
import com.foobar.dist.status.StatusCommand;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The foobar command: {@code foobar run} starts the whole stack of this package. */
@Command(
    name = "foobar",
    mixinStandardHelpOptions = true,
    versionProvider = Foobar.Version.class,
    description = "Runs the foobar.com stack: DNS, web, app and database tiers.",
    subcommands = {
      RunCommand.class,
      StartCommand.class,
      StopCommand.class,
      DeployCommand.class,
      RollbackCommand.class,
      StatusCommand.class,
      DnsCommand.class,
      DbCommand.class,
      ReleasesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Foobar implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    LogSetup.beforeLogging(args);
    System.exit(commandLine().execute(args));
  }

  /** The command line with our error handling, shared by main and the tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Foobar())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(Foobar::configurationRefused);
  }

  /**
   * A configuration that cannot be used stops any command the same way: one line naming the key and
   * where its value came from, and exit status 2; nothing has started. {@code foobar run} says
   * {@code foobar:}, as on every line of the stack's console; the others name themselves ({@code
   * foobar db migrate:}).
   */
  private static int configurationRefused(
      Exception failure, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
    if (!(failure instanceof ConfigException)) {
      throw failure;
    }
    String who =
        command.getCommandSpec().name().equals("run")
            ? "foobar"
            : command.getCommandSpec().qualifiedName();
    command.getErr().println(who + ": " + failure.getMessage());
    command.getErr().flush();
    return ExitStatus.CONFIG_ERROR;
  }

  /** The package directory: set by bin/foobar, the working directory otherwise. */
  public static Path home() {
    return Path.of(System.getProperty("foobar.home", ".")).toAbsolutePath().normalize();
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Foobar.class.getPackage().getImplementationVersion();
      return new String[] {"foobar " + (version == null ? "(development build)" : version)};
    }
  }
}
