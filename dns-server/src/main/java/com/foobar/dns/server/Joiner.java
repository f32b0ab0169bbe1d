package com.foobar.dns.server;

import java.util.List;

/** Waits for listener threads to end, keeping the caller's interrupt status. */
final class Joiner {
  private Joiner() {}

  static void joinAll(List<Thread> threads) {
    boolean interrupted = false;
    for (Thread t : threads) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
