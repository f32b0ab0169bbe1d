package com.foobar.dist.e2e;

import java.time.Duration;

/** Waits for a condition the stack under test brings about, failing the test after a deadline. */
final class Await {
  /** What is awaited; may do I/O, so it may throw. */
  @FunctionalInterface
  interface Condition {
    boolean holds() throws Exception;
  }

  private Await() {}

  static void until(String what, Duration timeout, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not so within " + timeout + ": " + what);
      }
      Thread.sleep(20);
    }
  }
}
