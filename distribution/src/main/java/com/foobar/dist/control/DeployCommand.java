package com.foobar.dist.control;

import com.foobar.app.stack.StackEndpoints;
import com.foobar.dist.ExitStatus;
import com.foobar.dist.Foobar;
import com.foobar.dist.config.ConfigOptions;
import com.foobar.dist.console.Console;
import com.foobar.dist.process.Systemd;
import com.foobar.dist.stack.TierConfigs;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code foobar deploy}: a rolling restart of the app instances onto the code now in the package,
 * one at a time, so the others carry the traffic. Per instance: SIGTERM (its health turns 503, the
 * web tier stops routing to it, in-flight requests finish), start it again, wait until its health
 * answers 200, then let the web tier's health check put it back in rotation before the next one.
 * Under systemd ({@code foobar-app@PORT.service} active) systemd does the stop and start.
 */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = "Rolling restart of the app instances, one at a time, with no failed request.")
public final class DeployCommand implements Callable<Integer> {
  @Mixin private ConfigOptions options;

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

  @Override
  public Integer call() {
    TierConfigs tiers = options.tiers();
    Launcher launcher = new Launcher(Foobar.home(), options.asArguments());
    if (launcher.wholeStackRuns()) {
      System.err.println(
          "foobar deploy: the stack runs in one process (foobar run); a rolling deploy needs the"
              + " tiers in their own processes (foobar start, or the systemd units)");
      return ExitStatus.FAILED;
    }
    AppHealth health = new AppHealth(tiers);
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    Console console = new Console(System.out);
    for (int port : tiers.appPorts()) {
      TierProcess app = TierProcess.app(port);
      long begin = System.nanoTime();
      String how;
      try {
        how = restart(app, launcher, timeout);
      } catch (Launcher.LaunchException e) {
        System.err.println("foobar deploy: " + e.getMessage());
        System.err.println(
            "foobar deploy: stopped; the instances after " + port + " were not touched");
        return ExitStatus.FAILED;
      }
      if (!health.awaitHealthy(port, timeout)) {
        System.err.println(
            "foobar deploy: app-"
                + port
                + " is running but its health ("
                + StackEndpoints.HEALTH
                + ") did not answer 200 within "
                + timeoutSeconds
                + " s; stopped here, the instances after it were not touched");
        return ExitStatus.FAILED;
      }
      Launcher.sleep(Duration.ofSeconds(settleSeconds));
      console.tier(app.name(), how + ", healthy", begin);
    }
    console.done("deployed");
    return ExitStatus.OK;
  }

  private static String restart(TierProcess app, Launcher launcher, Duration timeout) {
    if (Systemd.manages(app.unit())) {
      if (!Systemd.restart(app.unit())) {
        throw new Launcher.LaunchException("systemctl restart " + app.unit() + " failed");
      }
      return "restarted by systemd";
    }
    Optional<ProcessHandle> running = launcher.running(app);
    String how = "started (was not running)";
    if (running.isPresent()) {
      if (!Launcher.stop(running.get(), timeout)) {
        System.err.println(
            "foobar deploy: " + app.name() + " needed SIGKILL after " + timeout.toSeconds() + " s");
      }
      how = "restarted";
    }
    ProcessHandle process = launcher.start(app, timeout);
    return how + ", pid " + process.pid();
  }
}
