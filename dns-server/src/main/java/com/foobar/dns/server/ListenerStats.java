package com.foobar.dns.server;

import com.foobar.dns.metrics.QueryMetrics;
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
  final LongAdder tcpWriteTimeouts = new LongAdder();
  final LongAdder rateLimited = new LongAdder();
  final QueryMetrics queries = new QueryMetrics();

  /** Per-query counts and latency, for the metrics endpoint. */
  public QueryMetrics queries() {
    return queries;
  }

  /** Appends the listener counters in the Prometheus text format. */
  public void render(StringBuilder out) {
    counter(
        out,
        "foobar_dns_dropped_total",
        "Packets dropped unanswered (runts, responses).",
        dropped());
    counter(
        out,
        "foobar_dns_listener_errors_total",
        "Errors the listeners caught and survived.",
        failed());
    counter(
        out, "foobar_dns_tcp_rejected_total", "TCP connections refused at the cap.", tcpRejected());
    counter(
        out,
        "foobar_dns_tcp_write_timeouts_total",
        "TCP connections closed because the client stopped reading answers.",
        tcpWriteTimeouts());
    counter(out, "foobar_dns_rate_limited_total", "UDP answers dropped by RRL.", rateLimited());
    queries.render(out);
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    out.append(name).append(' ').append(value).append('\n');
  }

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

  /** TCP connections closed because an answer could not be written within the write deadline. */
  public long tcpWriteTimeouts() {
    return tcpWriteTimeouts.sum();
  }

  /**
   * UDP answers dropped by response rate limiting (truncated ones sent instead count as answered).
   */
  public long rateLimited() {
    return rateLimited.sum();
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
        + tcpRejected()
        + " tcpWriteTimeouts="
        + tcpWriteTimeouts();
  }
}
