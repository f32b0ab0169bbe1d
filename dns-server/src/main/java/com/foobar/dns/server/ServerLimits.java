package com.foobar.dns.server;

import java.time.Duration;

/**
 * Resource limits of the listeners.
 *
 * @param udpSocketsPerAddress UDP sockets per bind address, sharing the port with SO_REUSEPORT
 * @param udpThreadsPerSocket threads receiving on each UDP socket
 * @param maxTcpConnections concurrent TCP connections over all addresses; more are closed at once
 * @param tcpIdleTimeout how long a TCP connection may wait for its next query (Knot: 10 s)
 */
public record ServerLimits(
    int udpSocketsPerAddress,
    int udpThreadsPerSocket,
    int maxTcpConnections,
    Duration tcpIdleTimeout) {

  /** Defaults for a small server: two UDP threads per socket, 64 TCP connections, 10 s idle. */
  public static final ServerLimits DEFAULTS =
      new ServerLimits(
          Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
          1,
          64,
          Duration.ofSeconds(10));

  public ServerLimits {
    if (udpSocketsPerAddress < 1
        || udpThreadsPerSocket < 1
        || maxTcpConnections < 1
        || tcpIdleTimeout.isNegative()) {
      throw new IllegalArgumentException("invalid server limits");
    }
  }
}
