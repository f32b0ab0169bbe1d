package com.foobar.dist.console;

import java.io.PrintStream;

/**
 * The operator's console: one line per tier, name first, time taken last, the same for {@code run},
 * {@code start}, {@code stop} and {@code deploy} ({@code web up, pid 4711 (312 ms)}).
 */
public final class Console {
  private final PrintStream out;

  public Console(PrintStream out) {
    this.out = out;
  }

  /** The line of a tier whose step began at {@code beginNanos} (System.nanoTime()). */
  public void tier(String name, String detail, long beginNanos) {
    out.printf("  %-9s %s (%d ms)%n", name, detail, (System.nanoTime() - beginNanos) / 1_000_000);
    out.flush();
  }

  /** A tier's line without a time: {@code web already running (pid 4711)}. */
  public void tier(String name, String detail) {
    out.printf("  %-9s %s%n", name, detail);
    out.flush();
  }

  /** The closing line: {@code foobar: stack started}. */
  public void done(String what) {
    out.println("foobar: " + what);
    out.flush();
  }
}
