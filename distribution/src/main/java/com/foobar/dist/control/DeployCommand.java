package com.foobar.dist.control;

import com.foobar.db.DatabaseException;
import com.foobar.dist.ExitStatus;
import com.foobar.dist.Foobar;
import com.foobar.dist.config.ConfigOptions;
import com.foobar.dist.console.Console;
import com.foobar.dist.db.ReleaseSchema;
import com.foobar.dist.process.OperatorInterrupt;
import com.foobar.dist.release.Release;
import com.foobar.dist.release.ReleaseException;
import com.foobar.dist.release.Releases;
import com.foobar.dist.release.WebAppSource;
import com.foobar.dist.stack.TierConfigs;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code foobar deploy [FILE.war|DIR]}: with a web application, a new release of it (var/releases)
 * that every app instance is rolled onto; without, a rolling restart onto what is current. One
 * instance at a time, health-gated ({@link Rollout}); a release whose first instance does not come
 * back healthy is refused and everything goes back ({@link ReleaseSwitch}).
 */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description =
        "Deploy a web application (a .war file or a directory) as a new release, or restart the"
            + " app instances onto the current one; one at a time, with no failed request.")
public final class DeployCommand implements Callable<Integer> {
  @Mixin private ConfigOptions options;
  @Mixin private RolloutOptions rolloutOptions;

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE.war|DIR",
      description = "A Jakarta Servlet 6 web application; none: restart onto the current release.")
  private Path webApp;

  @Override
  public Integer call() {
    TierConfigs tiers = options.tiers();
    WebAppSource source = null;
    if (webApp != null) {
      try {
        source = WebAppSource.inspect(webApp);
      } catch (ReleaseException refused) {
        System.err.println("foobar deploy: " + refused.getMessage());
        return ExitStatus.CONFIG_ERROR;
      }
    }
    Launcher launcher = new Launcher(Foobar.home(), options.asArguments());
    if (launcher.wholeStackRuns()) {
      System.err.println(
          "foobar deploy: the stack runs in one process (foobar run); a rolling deploy needs the"
              + " tiers in their own processes (foobar start, or the systemd units)");
      return ExitStatus.FAILED;
    }
    Console console = new Console(System.out);
    List<Integer> ports = tiers.appPorts();
    try (DeployLock lock = DeployLock.tryAcquire(Foobar.home()).orElse(null);
        OperatorInterrupt interrupt = OperatorInterrupt.install("deploy")) {
      if (lock == null) {
        System.err.println("foobar deploy: another deploy or rollback is running");
        return ExitStatus.FAILED;
      }
      Rollout rollout =
          rolloutOptions.rollout(launcher, tiers, console, "deploy", interrupt::requested);
      return source == null
          ? restart(rollout, ports, console)
          : deploy(source, tiers, rollout, ports, console);
    } catch (java.io.IOException e) {
      System.err.println("foobar deploy: cannot take the deploy lock: " + e.getMessage());
      return ExitStatus.FAILED;
    }
  }

  private static int restart(Rollout rollout, List<Integer> ports, Console console) {
    try {
      rollout.restartEach(ports);
    } catch (Rollout.Failure failure) {
      System.err.println("foobar deploy: " + failure.getMessage());
      System.err.println("foobar deploy: stopped here; the instances after it were not touched");
      return ExitStatus.FAILED;
    }
    console.done("deployed");
    return ExitStatus.OK;
  }

  private int deploy(
      WebAppSource source,
      TierConfigs tiers,
      Rollout rollout,
      List<Integer> ports,
      Console console) {
    Releases releases = Releases.of(Foobar.home());
    long begin = System.nanoTime();
    Release release;
    try {
      release = releases.add(source);
    } catch (ReleaseException refused) {
      System.err.println("foobar deploy: " + refused.getMessage());
      return refused.refusedInput() ? ExitStatus.CONFIG_ERROR : ExitStatus.FAILED;
    }
    console.tier(
        "release",
        release.number() + ", " + release.version() + ", sha256 " + release.sha256(),
        begin);
    begin = System.nanoTime();
    try {
      console.tier("database", ReleaseSchema.prepare(tiers, release), begin);
    } catch (DatabaseException failed) {
      // Before any instance switched: the running release keeps serving, untouched.
      releases.markFailed(release, failed.getMessage());
      System.err.println(
          "foobar deploy: release "
              + release.number()
              + " refused: "
              + failed.getMessage()
              + "\nfoobar deploy: the instances still run "
              + runningLabel(releases));
      return ExitStatus.FAILED;
    }
    try {
      new ReleaseSwitch(releases, rollout, ports).to(release);
    } catch (Rollout.Failure failure) {
      System.err.println(
          "foobar deploy: release "
              + release.number()
              + " refused: "
              + failure.getMessage()
              + "\nfoobar deploy: the instances are back on "
              + runningLabel(releases));
      return ExitStatus.FAILED;
    }
    releases.prune(tiers.releasesKept());
    console.done("deployed release " + release.number() + " (" + release.version() + ")");
    return ExitStatus.OK;
  }

  private static String runningLabel(Releases releases) {
    return releases.current().map(r -> "release " + r.number()).orElse("the built-in store");
  }
}
