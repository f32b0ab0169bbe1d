package com.foobar.dist.processes;

import com.foobar.dist.Foobar;
import com.foobar.dist.config.ConfigOptions;
import com.foobar.dist.config.FoobarConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code foobar stop}: SIGTERM to every tier process this package runs, in reverse start order (DNS
 * and web stop taking requests before the app instances drain; the database goes last).
 */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = "Stop the tier processes started by foobar start (or foobar run), in order.")
public final class StopCommand implements Callable<Integer> {
  @Mixin private ConfigOptions options;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description =
          "How long one tier may take to stop before SIGKILL (default: ${DEFAULT-VALUE}).")
  private int timeoutSeconds = 60;

  @Override
  public Integer call() {
    java.util.Optional<FoobarConfig> loaded = options.loadOrSay("stop");
    if (loaded.isEmpty()) {
      return 2;
    }
    FoobarConfig config = loaded.get();
    Launcher launcher = new Launcher(Foobar.home(), options.asArguments());
    List<TierProcess> order = new ArrayList<>(TierProcess.layout(config));
    order.add(0, new TierProcess("foobar", List.of("run"), 0)); // the one-process stack
    Collections.reverse(order);
    int stopped = 0;
    boolean clean = true;
    for (TierProcess tier : order) {
      Optional<ProcessHandle> running = launcher.running(tier);
      if (running.isEmpty()) {
        continue;
      }
      long begin = System.nanoTime();
      boolean onTerm = Launcher.stop(running.get(), Duration.ofSeconds(timeoutSeconds));
      clean &= onTerm;
      stopped++;
      System.out.printf(
          "  %-9s stopped%s (%d ms)%n",
          tier.name(),
          onTerm ? "" : " with SIGKILL after " + timeoutSeconds + " s",
          (System.nanoTime() - begin) / 1_000_000);
    }
    System.out.println(stopped == 0 ? "foobar: nothing was running" : "foobar: stack stopped");
    return clean ? 0 : 1;
  }
}
