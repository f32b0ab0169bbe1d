package com.foobar.app;

import java.time.Duration;

/**
 * Waits for a condition another thread or process brings about, polling it, and fails the test
 * naming the condition once the deadline has passed. The deadlines are generous on purpose: on a
 * busy two-core machine a condition that takes milliseconds can take seconds.
 */
public final class Await {
  private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 20;

  /** A check that may talk to a server or the database on the way. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  private Await() {}

  public static void until(String what, Condition condition) throws Exception {
    until(what, DEFAULT_DEADLINE, condition);
  }

  public static void until(String what, Duration deadline, Condition condition) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("not so within " + deadline.toSeconds() + " s: " + what);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
