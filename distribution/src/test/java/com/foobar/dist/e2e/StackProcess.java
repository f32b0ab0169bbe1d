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
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private StackProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** How the stack finds SIGHUP when it starts, which it inherits from whoever started it. */
  enum Hangup {
    /** As from a terminal: SIGHUP reaches the stack ({@code foobar dns reload}). */
    DELIVERED("SIG_DFL"),
    /** As under nohup: the kernel drops every SIGHUP sent to the stack. */
    IGNORED("SIG_IGN");

    private final String disposition;

    Hangup(String disposition) {
      this.disposition = disposition;
    }
  }

  static StackProcess start(Path distribution, Path logDir, List<String> arguments)
      throws IOException {
    return start(distribution, logDir, arguments, Hangup.DELIVERED);
  }

  /**
   * Starts bin/foobar with SIGHUP set as asked, whatever this JVM inherited: a test run from under
   * nohup (a CI runner, a backgrounded shell) would otherwise pass its ignored SIGHUP on. Python
   * sets the disposition and execs; a POSIX shell cannot undo an ignore it was started with.
   */
  static StackProcess start(Path distribution, Path logDir, List<String> arguments, Hangup hangup)
      throws IOException {
    return start(List.of(), distribution, logDir, arguments, hangup);
  }

  /** Starts bin/foobar on a test host: inside the network namespace {@code namespace}. */
  static StackProcess startIn(
      String namespace, Path distribution, Path logDir, List<String> arguments) throws IOException {
    return start(
        List.of("ip", "netns", "exec", namespace),
        distribution,
        logDir,
        arguments,
        Hangup.DELIVERED);
  }

  private static StackProcess start(
      List<String> prefix, Path distribution, Path logDir, List<String> arguments, Hangup hangup)
      throws IOException {
    List<String> command = new ArrayList<>(prefix);
    if (Files.isExecutable(PYTHON)) {
      command.addAll(
          List.of(
              PYTHON.toString(),
              "-c",
              "import os,signal,sys; signal.signal(signal.SIGHUP, signal."
                  + hangup.disposition
                  + "); os.execv(sys.argv[1], sys.argv[1:])"));
    }
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
  String awaitLine(String text, Duration timeout) throws Exception {
    Await.until(
        () -> "a line with '" + text + "'\n" + outputSoFar(),
        timeout,
        () -> {
          if (firstLineWith(text).isPresent()) {
            return true;
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
          return false;
        });
    return firstLineWith(text).orElseThrow();
  }

  private java.util.Optional<String> firstLineWith(String text) throws IOException {
    return Files.readAllLines(stdout, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains(text))
        .findFirst();
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

  private String outputSoFar() {
    try {
      return output();
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  String output() throws IOException {
    return "--- stdout\n" + stdout() + "--- stderr\n" + stderr();
  }

  /**
   * Stops a stack a test left running (it failed half-way, or needs no orderly stop) as an operator
   * would, so its embedded mariadbd stops too and the next test can start on the same data; only a
   * stack that does not stop in time is killed, with everything it started.
   */
  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        HardKill.tree(process.toHandle(), Duration.ofSeconds(30));
      }
    }
  }
}
