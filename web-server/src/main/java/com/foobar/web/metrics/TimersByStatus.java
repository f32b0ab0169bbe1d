package com.foobar.web.metrics;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * The timers of one series (a route, a backend) by HTTP status, found by index: no key to box and
 * no hash per request. A status outside 100-599, which is never sent, is still timed, uncached.
 */
final class TimersByStatus {
  private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(500);
  private final IntFunction<Timer> register;

  /**
   * @param register makes (or finds: Micrometer returns the meter it has for the same id) the timer
   *     of a status
   */
  TimersByStatus(IntFunction<Timer> register) {
    this.register = register;
  }

  void record(int status, long nanos) {
    int slot = status - 100;
    if (slot < 0 || slot >= timers.length()) {
      register.apply(status).record(nanos, TimeUnit.NANOSECONDS);
      return;
    }
    Timer timer = timers.get(slot);
    if (timer == null) {
      timer = register.apply(status); // two threads racing here get the same timer
      timers.set(slot, timer);
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }
}
