package com.foobar.dist.control;

import com.foobar.dist.ExitStatus;
import com.foobar.dist.Foobar;
import com.foobar.dist.config.ConfigOptions;
import com.foobar.dist.console.Console;
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
    List<TierProcess> order = new ArrayList<>(TierProcess.layout(options.uncheckedTiers()));
    order.add(0, TierProcess.WHOLE_STACK);
    Collections.reverse(order);
    Launcher launcher = new Launcher(Foobar.home(), options.asArguments());
    Console console = new Console(System.out);
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
      console.tier(
          tier.name(),
          "stopped" + (onTerm ? "" : " with SIGKILL after " + timeoutSeconds + " s"),
          begin);
    }
    console.done(stopped == 0 ? "nothing was running" : "stack stopped");
    return clean ? ExitStatus.OK : ExitStatus.FAILED;
  }
}
