package com.foobar.dns;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a condition another thread or process brings about, failing the test after a deadline
 * far beyond what the condition needs on an idle machine: the deadline only ends a test that would
 * never pass, it does not measure anything.
 */
final class Await {
  /** Long enough for a reference server to start or a packet to cross a machine kept busy. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  /**
   * How long a test waits for one reply that must come (a DNS answer, a close): a ceiling thousands
   * of times a loopback round trip, so only a reply that never comes reaches it.
   */
  static final Duration REPLY = Duration.ofSeconds(10);

  private static final long POLL_MILLIS = 20;

  private Await() {}

  /** One try at something that is not ready yet when it returns null or throws an IOException. */
  @FunctionalInterface
  interface Attempt<T> {
    T get() throws IOException;
  }

  /** A condition that does not hold yet when it is false or throws an IOException. */
  @FunctionalInterface
  interface Check {
    boolean holds() throws IOException;
  }

  /** Waits until {@code condition} holds. */
  static void until(String what, Check condition) throws InterruptedException {
    result(what, () -> condition.holds() ? Boolean.TRUE : null);
  }

  /** Tries {@code attempt} until it returns a value, and returns that value. */
  static <T> T result(String what, Attempt<T> attempt) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    IOException last = null;
    while (true) {
      try {
        T value = attempt.get();
        if (value != null) {
          return value;
        }
      } catch (IOException notYet) {
        last = notYet;
      }
      if (System.nanoTime() - deadline > 0) {
        AssertionError failure =
            new AssertionError("not so within " + PATIENCE.toSeconds() + " s: " + what);
        if (last != null) {
          failure.initCause(last);
        }
        throw failure;
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }
}
