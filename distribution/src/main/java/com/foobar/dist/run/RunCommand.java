package com.foobar.dist.run;

import com.foobar.dist.ExitStatus;
import com.foobar.dist.Foobar;
import com.foobar.dist.config.ConfigOptions;
import com.foobar.dist.console.Console;
import com.foobar.dist.process.SystemdNotify;
import com.foobar.dist.stack.Secrets;
import com.foobar.dist.stack.Stack;
import com.foobar.dist.stack.StackLauncher;
import com.foobar.dist.stack.Tier;
import com.foobar.dist.stack.TierConfigs;
import com.foobar.dist.stack.TierStartException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code foobar run}: starts the embedded MariaDB, the migrations, the app instances, the web tier
 * and DNS, in that order, one line each, and stops them in reverse on SIGTERM or Ctrl-C.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Start the stack (or one --tier of it) in this process; Ctrl-C or SIGTERM stops it.")
public final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Mixin private ConfigOptions options;
  @Spec private CommandSpec spec;

  @Option(
      names = "--tier",
      paramLabel = "TIER",
      description =
          "Run one tier in this process: ${COMPLETION-CANDIDATES} (default: all, in one JVM).")
  private Tier tier = Tier.ALL;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "With --tier app: the port of the instance to run (one of app.ports).")
  private Integer appPort;

  @Override
  public Integer call() {
    long begin = System.nanoTime();
    TierConfigs tiers = options.tiers();
    if (tier == Tier.APP && appPort == null) {
      throw new ParameterException(
          spec.commandLine(), "--tier app needs --port N: which instance to run");
    }
    Console console = new Console(System.out);
    StackLauncher launcher = new StackLauncher(tiers, Secrets.of(Foobar.home()), console);
    launcher.check();
    Stack stack = new Stack();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stopper =
        new Thread(
            () -> {
              SystemdNotify.stopping();
              console.done("stopping");
              stack.close();
              console.done("stopped");
              stopped.countDown();
            },
            "foobar-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      launcher.start(tier, appPort == null ? 0 : appPort, stack);
    } catch (TierStartException e) {
      stopWhatStarted(stopper, stack);
      // The last line is why: what foobar start and deploy report from a tier that gave up.
      System.err.println("foobar: " + e.getMessage());
      // The operator got the one line above; the stack trace is for logs/foobar.log only
      // (the console shows WARN and up).
      log.info("start-up failed: {}", e.getMessage(), e.getCause());
      return ExitStatus.FAILED;
    }
    String up =
        String.format(
            "%s up in %.1f s",
            tier == Tier.ALL ? "stack" : tier.label(), (System.nanoTime() - begin) / 1e9);
    console.done(up);
    SystemdNotify.ready(up);
    awaitQuietly(stopped);
    return ExitStatus.OK;
  }

  /** Without the stop hook's lines: nothing was up, so nothing is "stopping". */
  private static void stopWhatStarted(Thread stopper, Stack stack) {
    try {
      if (Runtime.getRuntime().removeShutdownHook(stopper)) {
        stack.close();
      }
    } catch (IllegalStateException shuttingDown) {
      // SIGTERM came during the start: the hook is stopping the stack already
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
