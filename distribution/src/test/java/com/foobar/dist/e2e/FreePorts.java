package com.foobar.dist.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for a stack that runs as other processes, which must be told their ports before they bind
 * them. A port bound at 0 and released would be the kernel's next ephemeral port: any outgoing
 * connection (this JVM's HTTP and JDBC clients, the stack's own) may take it before the stack binds
 * it. So these come from below the ephemeral range, which the kernel never hands out by itself, are
 * never handed out twice in one test JVM, and are checked free for both TCP and UDP when asked.
 */
final class FreePorts {
  private static final int LOWEST = 10_000;
  private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  static int next() throws IOException {
    int below = ephemeralRangeStart();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
      if (handedOut.add(port) && freeForTcpAndUdp(loopback, port)) {
        return port;
      }
    }
    throw new IOException("no port free for both TCP and UDP in " + LOWEST + "-" + below);
  }

  private static boolean freeForTcpAndUdp(InetAddress loopback, int port) {
    try (ServerSocket tcp = new ServerSocket(port, 1, loopback);
        DatagramSocket udp = new DatagramSocket(port, loopback)) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /** The first port of Linux's ephemeral range (32768 unless the machine is set otherwise). */
  private static int ephemeralRangeStart() throws IOException {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    if (!Files.isReadable(range)) {
      return 32_768;
    }
    int start = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
    if (start <= LOWEST + 1000) {
      throw new IOException("the ephemeral port range starts at " + start + ": no room below it");
    }
    return start;
  }
}
