package com.foobar.dist.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One bin/foobar command that runs to its end (start, stop, deploy, status): exit and output. */
record FoobarCommand(int exitCode, String output) {

  static FoobarCommand run(Path distribution, Duration timeout, List<String> arguments)
      throws IOException, InterruptedException {
    return run(distribution, timeout, arguments, "");
  }

  /**
   * @param javaOptions FOOBAR_JAVA_OPTS for the command and the tier processes it starts
   */
  static FoobarCommand run(
      Path distribution, Duration timeout, List<String> arguments, String javaOptions)
      throws IOException, InterruptedException {
    return run(List.of(), distribution, timeout, arguments, javaOptions);
  }

  /** The command on a test host: inside the network namespace {@code namespace}. */
  static FoobarCommand runIn(
      String namespace,
      Path distribution,
      Duration timeout,
      List<String> arguments,
      String javaOptions)
      throws IOException, InterruptedException {
    return run(
        List.of("ip", "netns", "exec", namespace), distribution, timeout, arguments, javaOptions);
  }

  private static FoobarCommand run(
      List<String> prefix,
      Path distribution,
      Duration timeout,
      List<String> arguments,
      String javaOptions)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(prefix);
    command.add(distribution.resolve("bin/foobar").toString());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("FOOBAR_"));
    if (!javaOptions.isEmpty()) {
      builder.environment().put("FOOBAR_JAVA_OPTS", javaOptions);
    }
    Process process = builder.start();
    // Read on another thread so a chatty command cannot block on a full pipe.
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try {
                output.append(
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                output.append("(output lost: ").append(e).append(')');
              }
            });
    reader.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      reader.join(5000);
      throw new AssertionError(command + " still running after " + timeout + "\n" + output);
    }
    reader.join();
    return new FoobarCommand(process.exitValue(), output.toString());
  }
}
