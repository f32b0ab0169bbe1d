package com.foobar.dist.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The signals a process ignores, from the SigIgn mask of Linux's /proc/PID/status (bit N-1 for
 * signal N). A signal a process ignores is dropped by the kernel: sending it succeeds and nothing
 * happens, so a command that signals must look first to say so.
 */
public record IgnoredSignals(long mask) {
  private static final int SIGHUP = 1;

  /** The process's mask; none known (0) where /proc cannot tell. */
  public static IgnoredSignals of(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("SigIgn:")) {
          return new IgnoredSignals(Long.parseUnsignedLong(line.substring(7).strip(), 16));
        }
      }
    } catch (IOException | RuntimeException unknown) {
      // not Linux, or the process is gone: nothing known to be ignored
    }
    return new IgnoredSignals(0);
  }

  public boolean hangup() {
    return (mask & (1L << (SIGHUP - 1))) != 0;
  }
}
