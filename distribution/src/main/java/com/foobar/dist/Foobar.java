package com.foobar.dist;

import com.foobar.dist.db.DbCommand;
import com.foobar.dist.dns.DnsCommand;
import com.foobar.dist.processes.DeployCommand;
import com.foobar.dist.processes.StartCommand;
import com.foobar.dist.processes.StopCommand;
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
      StatusCommand.class,
      DnsCommand.class,
      DbCommand.class,
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
    return new CommandLine(new Foobar()).setCaseInsensitiveEnumValuesAllowed(true);
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
