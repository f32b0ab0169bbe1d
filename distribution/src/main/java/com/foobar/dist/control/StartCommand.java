package com.foobar.dist.control;

import com.foobar.dist.ExitStatus;
import com.foobar.dist.Foobar;
import com.foobar.dist.config.ConfigOptions;
import com.foobar.dist.console.Console;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code foobar start}: each tier in its own background process (database, app instances, web,
 * DNS), each started once the previous is up, for hosts without systemd. All or nothing: if one
 * cannot start, those this command started are stopped again.
 */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description =
        "Start each tier as its own background process (pid files in var/run, output in"
            + " logs/<tier>.out); see also stop, deploy, status.")
public final class StartCommand implements Callable<Integer> {
  @Mixin private ConfigOptions options;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "How long one tier may take to come up (default: ${DEFAULT-VALUE}).")
  private int timeoutSeconds = 180;

  @Override
  public Integer call() {
    List<TierProcess> layout = TierProcess.layout(options.tiers());
    Launcher launcher = new Launcher(Foobar.home(), options.asArguments());
    if (launcher.wholeStackRuns()) {
      System.err.println("foobar start: the whole stack already runs in one process (foobar run)");
      return ExitStatus.FAILED;
    }
    Console console = new Console(System.out);
    List<ProcessHandle> started = new ArrayList<>();
    for (TierProcess tier : layout) {
      Optional<ProcessHandle> running = launcher.running(tier);
      if (running.isPresent()) {
        console.tier(tier.name(), "already running (pid " + running.get().pid() + ")");
        continue;
      }
      long begin = System.nanoTime();
      try {
        ProcessHandle process = launcher.start(tier, Duration.ofSeconds(timeoutSeconds));
        started.add(process);
        console.tier(tier.name(), "up, pid " + process.pid(), begin);
      } catch (Launcher.LaunchException e) {
        System.err.println("foobar start: " + e.getMessage());
        for (int i = started.size() - 1; i >= 0; i--) {
          Launcher.stop(started.get(i), Duration.ofSeconds(60));
        }
        return ExitStatus.FAILED;
      }
    }
    console.done("stack started");
    return ExitStatus.OK;
  }
}
