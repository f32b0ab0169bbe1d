package com.foobar.db.embedded;

import com.foobar.db.DatabaseException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free port for mariadbd when none is configured. mariadbd must be told its port and binds it a
 * second later, so the port is free only at the time of asking. A port bound at 0 would be the
 * kernel's next ephemeral one, which any outgoing connection of this machine may take in that
 * second; so the pick is made below the ephemeral range, which the kernel never hands out itself.
 */
final class UnassignedPort {
  private static final int LOWEST = 10_000;
  private static final int DEFAULT_EPHEMERAL_START = 32_768;

  private UnassignedPort() {}

  static int pick() {
    int below = ephemeralRangeStart();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
      try (ServerSocket probe = new ServerSocket(port, 1, loopback)) {
        return port;
      } catch (IOException taken) {
        // another one
      }
    }
    throw new DatabaseException("no free port for the embedded MariaDB in " + LOWEST + "-" + below);
  }

  /** Linux's ip_local_port_range, or the usual start where it leaves no room below it. */
  private static int ephemeralRangeStart() {
    try {
      // readString sees an empty size for a /proc file and reads one byte: read it as lines.
      List<String> range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
      int start = Integer.parseInt(range.get(0).trim().split("\\s+")[0]);
      return start > LOWEST + 1_000 ? start : DEFAULT_EPHEMERAL_START;
    } catch (IOException | RuntimeException notLinux) {
      return DEFAULT_EPHEMERAL_START;
    }
  }
}
