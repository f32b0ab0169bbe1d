package com.foobar.dist.control;

import com.foobar.dist.console.Console;
import com.foobar.dist.stack.TierConfigs;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Option;

/** The timing of a rolling restart, shared by {@code deploy} and {@code rollback}. */
public final class RolloutOptions {
  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description =
          "How long an instance may take to stop, or to start (default: ${DEFAULT-VALUE}).")
  private int timeoutSeconds = 60;

  @Option(
      names = "--settle",
      paramLabel = "SECONDS",
      description =
          "Wait after an instance is healthy, so the web tier routes to it again before the next"
              + " one stops (default: ${DEFAULT-VALUE}; at least two web health-check intervals).")
  private int settleSeconds = 3;

  /**
   * @param stopRequested asked between two instances: true stops the rollout there (Ctrl-C)
   */
  Rollout rollout(
      Launcher launcher,
      TierConfigs tiers,
      Console console,
      String command,
      BooleanSupplier stopRequested) {
    return new Rollout(
        launcher,
        new AppHealth(tiers),
        Duration.ofSeconds(timeoutSeconds),
        Duration.ofSeconds(settleSeconds),
        console,
        command,
        stopRequested);
  }
}
