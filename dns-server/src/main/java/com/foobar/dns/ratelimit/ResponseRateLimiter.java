package com.foobar.dns.ratelimit;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Response rate limiting for UDP, in the spirit of NSD's and BIND's RRL: each client network (IPv4
 * /24, IPv6 /56, as they use) gets at most {@code ratePerSecond} answers a second. Past that, every
 * {@code slip}-th answer goes out truncated (TC=1, no records) so a real client retries over TCP,
 * where spoofing is not possible, and the rest are dropped: a reflection attack with forged source
 * addresses gains nothing. Off unless configured.
 */
public final class ResponseRateLimiter {
  /** What to do with one answer. */
  public enum Verdict {
    SEND,
    SLIP,
    DROP
  }

  private static final int MAX_TRACKED = 100_000;

  private final int ratePerSecond;
  private final int slip;
  private final ConcurrentHashMap<Long, Window> windows = new ConcurrentHashMap<>();

  /** Answers counted for one network within one second. */
  private static final class Window {
    long second;
    int answers;
  }

  /**
   * @param ratePerSecond answers per second per client network; must be positive
   * @param slip every slip-th answer over the limit is sent truncated; 0 = drop them all
   */
  public ResponseRateLimiter(int ratePerSecond, int slip) {
    if (ratePerSecond < 1 || slip < 0) {
      throw new IllegalArgumentException("dns: RRL rate must be >= 1 and slip >= 0");
    }
    this.ratePerSecond = ratePerSecond;
    this.slip = slip;
  }

  public Verdict check(InetAddress client, long nowNanos) {
    long second = nowNanos / 1_000_000_000L;
    if (windows.size() > MAX_TRACKED) {
      windows.values().removeIf(window -> window.second < second); // forget quiet networks
    }
    Window window = windows.computeIfAbsent(network(client), key -> new Window());
    int answers;
    synchronized (window) {
      if (window.second != second) {
        window.second = second;
        window.answers = 0;
      }
      answers = ++window.answers;
    }
    if (answers <= ratePerSecond) {
      return Verdict.SEND;
    }
    return slip > 0 && (answers - ratePerSecond) % slip == 0 ? Verdict.SLIP : Verdict.DROP;
  }

  /** The client's /24 (IPv4) or /56 (IPv6) as a number, the family folded in. */
  private static long network(InetAddress client) {
    byte[] address = client.getAddress();
    int bytes = address.length == 4 ? 3 : 7;
    long key = address.length;
    for (int i = 0; i < bytes; i++) {
      key = (key << 8) | (address[i] & 0xFF);
    }
    return key;
  }
}
