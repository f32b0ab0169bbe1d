package com.foobar.dns.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters shared by one server's listeners. Listeners count what went wrong instead of logging
 * each packet, so a flood of junk costs no disk and no lock.
 */
public final class ListenerStats {
  final LongAdder answered = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder tcpRejected = new LongAdder();

  /** Queries answered (any rcode). */
  public long answered() {
    return answered.sum();
  }

  /** Packets dropped unanswered: too short, or responses rather than queries. */
  public long dropped() {
    return dropped.sum();
  }

  /** Receive, send or handling errors the listeners caught and survived. */
  public long failed() {
    return failed.sum();
  }

  /** TCP connections closed at once because the connection cap was reached. */
  public long tcpRejected() {
    return tcpRejected.sum();
  }

  @Override
  public String toString() {
    return "answered="
        + answered()
        + " dropped="
        + dropped()
        + " failed="
        + failed()
        + " tcpRejected="
        + tcpRejected();
  }
}
