package com.foobar.dist.processes;

import com.foobar.dist.Foobar;
import com.foobar.dist.config.ConfigOptions;
import com.foobar.dist.config.FoobarConfig;
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
    java.util.Optional<FoobarConfig> loaded = options.loadOrSay("start");
    if (loaded.isEmpty()) {
      return 2;
    }
    FoobarConfig config = loaded.get();
    Launcher launcher = new Launcher(Foobar.home(), options.asArguments());
    if (new com.foobar.dist.run.PidFile(Foobar.home(), "foobar").process().isPresent()) {
      System.err.println("foobar start: the whole stack already runs in one process (foobar run)");
      return 1;
    }
    List<ProcessHandle> started = new ArrayList<>();
    for (TierProcess tier : TierProcess.layout(config)) {
      Optional<ProcessHandle> running = launcher.running(tier);
      if (running.isPresent()) {
        System.out.printf("  %-9s already running (pid %d)%n", tier.name(), running.get().pid());
        continue;
      }
      long begin = System.nanoTime();
      try {
        ProcessHandle process = launcher.start(tier, Duration.ofSeconds(timeoutSeconds));
        started.add(process);
        System.out.printf(
            "  %-9s up, pid %d (%d ms)%n",
            tier.name(), process.pid(), (System.nanoTime() - begin) / 1_000_000);
      } catch (Launcher.LaunchException e) {
        System.err.println("foobar start: " + e.getMessage());
        for (int i = started.size() - 1; i >= 0; i--) {
          Launcher.stop(started.get(i), Duration.ofSeconds(60));
        }
        return 1;
      }
    }
    System.out.println("foobar: stack started");
    return 0;
  }
}
