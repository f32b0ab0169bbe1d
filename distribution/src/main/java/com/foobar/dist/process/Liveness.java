package com.foobar.dist.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a process still runs, counting a zombie as gone. A tier started by {@code foobar start}
 * outlives that command and is reparented to PID 1; once it exits it stays a zombie until PID 1
 * reaps it, and {@link ProcessHandle#isAlive()} says true until then: two seconds on this test
 * machine's init, forever in a container whose PID 1 never reaps, so {@code foobar stop} would wait
 * out its timeout and SIGKILL a process that had long stopped.
 */
public final class Liveness {
  private Liveness() {}

  public static boolean running(ProcessHandle process) {
    return process.isAlive() && !zombie(process.pid());
  }

  /** State Z in Linux's /proc/PID/stat (the field after the command, which may hold spaces). */
  static boolean zombie(long pid) {
    try {
      List<String> lines =
          Files.readAllLines(
              // Bytes as they are: a process name may hold any, and UTF-8 would refuse some.
              Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
      if (lines.isEmpty()) {
        return false;
      }
      String stat = lines.get(0);
      int afterCommand = stat.lastIndexOf(')');
      return afterCommand > 0
          && afterCommand + 2 < stat.length()
          && stat.charAt(afterCommand + 2) == 'Z';
    } catch (IOException | RuntimeException unknown) {
      return false; // not Linux, or already reaped: isAlive() is right then
    }
  }
}
