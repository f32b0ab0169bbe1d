package com.foobar.dist.dns;

import com.foobar.dist.ExitStatus;
import com.foobar.dist.Foobar;
import com.foobar.dist.process.IgnoredSignals;
import com.foobar.dist.process.PidFile;
import com.foobar.dist.stack.Tier;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code foobar dns reload}: the running DNS tier reloads its zones (like nsd-control reload). */
@Command(
    name = "dns",
    mixinStandardHelpOptions = true,
    description = "Act on the running DNS tier.",
    subcommands = {DnsCommand.Reload.class})
public final class DnsCommand implements Runnable {
  @Override
  public void run() {
    System.err.println("foobar dns: say what to do, e.g. foobar dns reload");
  }

  @Command(
      name = "reload",
      mixinStandardHelpOptions = true,
      description =
          "Reload the zone files: zones whose SOA serial grew are swapped in, the rest kept.")
  static final class Reload implements Callable<Integer> {
    @Override
    public Integer call() throws IOException, InterruptedException {
      PidFile pidFile = new PidFile(Foobar.home(), Tier.DNS.processName(0));
      var process = pidFile.process();
      if (process.isEmpty()) {
        System.err.println(
            "foobar dns reload: no running DNS tier (no live process in " + pidFile.path() + ")");
        return ExitStatus.FAILED;
      }
      long pid = process.get().pid();
      if (IgnoredSignals.of(pid).hangup()) {
        System.err.println(
            "foobar dns reload: process "
                + pid
                + " ignores SIGHUP (started under nohup?), so it cannot be asked; saving a zone"
                + " file reloads it through the zone watcher, or restart the tier without nohup");
        return ExitStatus.FAILED;
      }
      int status =
          new ProcessBuilder("kill", "-HUP", Long.toString(pid)).inheritIO().start().waitFor();
      if (status != 0) {
        System.err.println("foobar dns reload: could not signal process " + pid);
        return ExitStatus.FAILED;
      }
      System.out.println(
          "foobar dns reload: asked process " + pid + " to reload; the outcome is in its log");
      return ExitStatus.OK;
    }
  }
}
