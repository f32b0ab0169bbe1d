package com.foobar.dist.control;

import com.foobar.dist.process.Liveness;
import com.foobar.dist.process.PidFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts tier processes detached from the terminal ({@code setsid}, output to {@code
 * logs/NAME.out}) and stops them, by their pid files. A tier writes its pid file only once it
 * listens, so "the pid file names the process we started" means "up".
 */
final class Launcher {
  private static final Duration POLL = Duration.ofMillis(100);

  private final Path home;
  private final List<String> overrides;

  /**
   * @param home the package directory (bin/foobar, var/run, logs)
   * @param overrides {@code --set} arguments passed on to every process
   */
  Launcher(Path home, List<String> overrides) {
    this.home = home;
    this.overrides = List.copyOf(overrides);
  }

  PidFile pidFile(TierProcess process) {
    return new PidFile(home, process.name());
  }

  /** Whether the whole stack runs in one process here ({@code foobar run}). */
  boolean wholeStackRuns() {
    return running(TierProcess.WHOLE_STACK).isPresent();
  }

  /** The live process of a tier, if it runs. */
  Optional<ProcessHandle> running(TierProcess process) {
    return pidFile(process).process();
  }

  /**
   * Starts the tier and waits until it is up.
   *
   * @throws LaunchException if it exits first or is not up within the timeout (it is then killed)
   */
  ProcessHandle start(TierProcess tier, Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add("setsid"); // its own session: it outlives this command and the terminal
    command.add(home.resolve("bin/foobar").toString());
    command.addAll(tier.arguments());
    command.addAll(overrides);
    Path output = home.resolve("logs").resolve(tier.name() + ".out");
    Process process;
    try {
      Files.createDirectories(output.getParent());
      process =
          new ProcessBuilder(command)
              .directory(home.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(ProcessBuilder.Redirect.to(output.toFile()))
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new LaunchException(tier.name() + ": cannot start " + command + ": " + e.getMessage());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> up = running(tier);
      if (up.isPresent() && up.get().pid() == process.pid()) {
        return up.get();
      }
      if (!process.isAlive()) {
        throw new LaunchException(
            tier.name() + ": exited with " + process.exitValue() + ": " + whyItExited(output));
      }
      sleep(POLL);
    }
    process.destroyForcibly();
    throw new LaunchException(
        tier.name() + ": not up within " + timeout.toSeconds() + " s\n" + tail(output));
  }

  /** SIGKILL takes effect at once; this covers a loaded machine. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  /**
   * SIGTERM, as systemd would send, then waits for the exit; SIGKILL after the timeout.
   *
   * @return true if it stopped on SIGTERM
   */
  static boolean stop(ProcessHandle process, Duration timeout) {
    process.destroy();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Liveness.running(process) && System.nanoTime() < deadline) {
      sleep(POLL);
    }
    if (Liveness.running(process)) {
      process.destroyForcibly();
      // Gone before the caller goes on: the next start must not race the dying one for its port.
      long killed = System.nanoTime() + KILL_WAIT.toNanos();
      while (Liveness.running(process) && System.nanoTime() < killed) {
        sleep(POLL);
      }
      return false;
    }
    return true;
  }

  /**
   * The last line the tier printed as it gave up (RunCommand makes it the operator's line) ({@code
   * foobar: app: the web application … failed to start: …}), else the end of its output.
   */
  private static String whyItExited(Path output) {
    try {
      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).startsWith("foobar: ")) {
          return lines.get(i).substring("foobar: ".length());
        }
      }
    } catch (IOException e) {
      // said by tail()
    }
    return "\n" + tail(output);
  }

  private static String tail(Path output) {
    try {
      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "(no output in " + output + ")";
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("interrupted");
    }
  }

  /** A tier that could not be started or stopped; the message is for the operator. */
  static final class LaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LaunchException(String message) {
      super(message);
    }
  }
}
