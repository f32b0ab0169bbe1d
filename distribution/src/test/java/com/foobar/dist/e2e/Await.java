package com.foobar.dist.e2e;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition the stack under test brings about, failing the test after a deadline. */
public final class Await {
  /** What is awaited; may do I/O, so it may throw (an AssertionError fails the wait at once). */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  private Await() {}

  public static void until(String what, Duration timeout, Condition condition) throws Exception {
    until(() -> what, timeout, condition);
  }

  /**
   * @param what said when the deadline passes, computed then (e.g. with the output so far)
   */
  public static void until(Supplier<String> what, Duration timeout, Condition condition)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not so within " + timeout + ": " + what.get());
      }
      Thread.sleep(20);
    }
  }
}
