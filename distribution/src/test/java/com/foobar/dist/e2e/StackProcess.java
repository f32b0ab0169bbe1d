package com.foobar.dist.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The assembled bin/foobar running as a real process, its output captured in files. */
final class StackProcess implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private StackProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static StackProcess start(Path distribution, Path logDir, List<String> arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(distribution.resolve("bin/foobar").toString());
    command.addAll(arguments);
    Files.createDirectories(logDir);
    Path stdout = Files.createTempFile(logDir, "stdout", ".txt");
    Path stderr = Files.createTempFile(logDir, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("FOOBAR_"));
    return new StackProcess(builder.start(), stdout, stderr);
  }

  /** Waits until stdout has a line containing {@code text}; fails early if the process dies. */
  String awaitLine(String text, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
        if (line.contains(text)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "foobar exited with "
                + process.exitValue()
                + " before printing '"
                + text
                + "'\n"
                + output());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + text + "' within " + timeout + "\n" + output());
  }

  /** Sends SIGTERM, as systemd or Ctrl-C would, and waits for the exit status. */
  int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("foobar did not stop within " + timeout);
    }
    return process.exitValue();
  }

  /** Kills the stack and everything it started with SIGKILL, and waits until they are gone. */
  void killHard() throws Exception {
    HardKill.tree(process.toHandle(), Duration.ofSeconds(30));
  }

  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("foobar still running after " + timeout);
    }
    return process.exitValue();
  }

  String stdout() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  String output() throws IOException {
    return "--- stdout\n" + stdout() + "--- stderr\n" + stderr();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
