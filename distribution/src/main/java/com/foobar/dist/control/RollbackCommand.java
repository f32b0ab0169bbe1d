package com.foobar.dist.control;

import com.foobar.dist.ExitStatus;
import com.foobar.dist.Foobar;
import com.foobar.dist.config.ConfigOptions;
import com.foobar.dist.console.Console;
import com.foobar.dist.process.OperatorInterrupt;
import com.foobar.dist.release.Release;
import com.foobar.dist.release.Releases;
import com.foobar.dist.stack.TierConfigs;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code foobar rollback [NUMBER]}: the app instances back onto the previous release (or the one
 * named), rolled one at a time as {@code deploy} does. The schema is left as it is: migrations only
 * go forward.
 */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description =
        "Roll the app instances back onto the previous release, or release NUMBER (see foobar"
            + " releases), one at a time, with no failed request.")
public final class RollbackCommand implements Callable<Integer> {
  @Mixin private ConfigOptions options;
  @Mixin private RolloutOptions rolloutOptions;

  @Parameters(arity = "0..1", paramLabel = "NUMBER", description = "Default: the previous one.")
  private Integer number;

  @Override
  public Integer call() {
    TierConfigs tiers = options.tiers();
    Releases releases = Releases.of(Foobar.home());
    Optional<Release> target = number == null ? releases.previous() : releases.find(number);
    if (target.isEmpty()) {
      System.err.println(
          "foobar rollback: "
              + (number == null
                  ? "no previous release to go back to (see foobar releases)"
                  : "no release " + number + " in " + releases.directory()));
      return ExitStatus.CONFIG_ERROR;
    }
    if (releases.current().map(Release::number).orElse(-1) == target.get().number()) {
      System.err.println("foobar rollback: release " + target.get().number() + " is current");
      return ExitStatus.CONFIG_ERROR;
    }
    Launcher launcher = new Launcher(Foobar.home(), options.asArguments());
    if (launcher.wholeStackRuns()) {
      System.err.println(
          "foobar rollback: the stack runs in one process (foobar run); a rolling restart needs"
              + " the tiers in their own processes (foobar start, or the systemd units)");
      return ExitStatus.FAILED;
    }
    Console console = new Console(System.out);
    try (DeployLock lock = DeployLock.tryAcquire(Foobar.home()).orElse(null);
        OperatorInterrupt interrupt = OperatorInterrupt.install("rollback")) {
      if (lock == null) {
        System.err.println("foobar rollback: another deploy or rollback is running");
        return ExitStatus.FAILED;
      }
      Rollout rollout =
          rolloutOptions.rollout(launcher, tiers, console, "rollback", interrupt::requested);
      new ReleaseSwitch(releases, rollout, tiers.appPorts()).to(target.get());
    } catch (Rollout.Failure failure) {
      System.err.println("foobar rollback: " + failure.getMessage());
      return ExitStatus.FAILED;
    } catch (java.io.IOException e) {
      System.err.println("foobar rollback: cannot take the deploy lock: " + e.getMessage());
      return ExitStatus.FAILED;
    }
    console.done(
        "rolled back to release " + target.get().number() + " (" + target.get().version() + ")");
    return ExitStatus.OK;
  }
}
