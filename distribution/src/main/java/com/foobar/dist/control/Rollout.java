package com.foobar.dist.control;

import com.foobar.app.stack.StackEndpoints;
import com.foobar.dist.console.Console;
import com.foobar.dist.process.Systemd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Restarts app instances one at a time, so the others carry the traffic: SIGTERM (its health turns
 * 503, the web tier stops routing to it, in-flight requests finish), start it again (onto what
 * var/releases/current names, or the built-in store), wait until its health answers 200, then let
 * the web tier's health check put it back in rotation before the next one. Under systemd ({@code
 * foobar-app@PORT.service} active) systemd does the stop and start.
 */
final class Rollout {
  private final Launcher launcher;
  private final AppHealth health;
  private final Duration timeout;
  private final Duration settle;
  private final Console console;
  private final String command;
  private final BooleanSupplier stopRequested;

  Rollout(
      Launcher launcher,
      AppHealth health,
      Duration timeout,
      Duration settle,
      Console console,
      String command,
      BooleanSupplier stopRequested) {
    this.launcher = launcher;
    this.health = health;
    this.timeout = timeout;
    this.settle = settle;
    this.console = console;
    this.command = command;
    this.stopRequested = stopRequested;
  }

  /**
   * @throws Failure naming the instance that did not come back healthy, and why; the instances
   *     after it were not touched
   */
  void restartEach(List<Integer> ports) {
    List<Integer> touched = new ArrayList<>();
    for (int port : ports) {
      if (stopRequested.getAsBoolean()) {
        // Between two instances, so the one in hand finished coming up first.
        throw new Failure("interrupted by the operator", touched);
      }
      TierProcess app = TierProcess.app(port);
      touched.add(port);
      long begin = System.nanoTime();
      String how;
      try {
        how = restart(app);
      } catch (Launcher.LaunchException e) {
        throw new Failure(e.getMessage(), touched); // it names the instance
      }
      if (!health.awaitHealthy(port, timeout)) {
        throw new Failure(
            app.name()
                + " is running but its health ("
                + StackEndpoints.HEALTH
                + ") did not answer 200 within "
                + timeout.toSeconds()
                + " s",
            touched);
      }
      Launcher.sleep(settle);
      console.tier(app.name(), how + ", healthy", begin);
    }
  }

  private String restart(TierProcess app) {
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
            "foobar "
                + command
                + ": "
                + app.name()
                + " needed SIGKILL after "
                + timeout.toSeconds()
                + " s");
      }
      how = "restarted";
    }
    ProcessHandle process = launcher.start(app, timeout);
    return how + ", pid " + process.pid();
  }

  /** An instance that did not come back; {@code touched}: the ones restarted, it included. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<Integer> touched;

    Failure(String message, List<Integer> touched) {
      super(message);
      this.touched = List.copyOf(touched);
    }

    List<Integer> touched() {
      return touched;
    }
  }
}
