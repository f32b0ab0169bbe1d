package com.foobar.web;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition another thread brings about, failing the test after a deadline: 10 s by
 * default, far beyond what any condition here takes on a busy two-core machine.
 */
public final class Await {
  static final Duration DEFAULT = Duration.ofSeconds(10);

  private Await() {}

  public static void until(BooleanSupplier condition) throws InterruptedException {
    until(DEFAULT, condition);
  }

  public static void until(Duration deadline, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not so within " + deadline.toSeconds() + " s");
      }
      Thread.sleep(10);
    }
  }
}
