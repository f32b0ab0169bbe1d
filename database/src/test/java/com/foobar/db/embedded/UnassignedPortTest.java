package com.foobar.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UnassignedPortTest {
  @Test
  void picksAFreePortBelowTheEphemeralRange() throws Exception {
    int ephemeralStart =
        Integer.parseInt(
            Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .get(0)
                .split("\\s+")[0]);

    int port = UnassignedPort.pick();

    assertThat(port).isBetween(10_000, ephemeralStart - 1);
    try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(bound.getLocalPort()).isEqualTo(port);
    }
  }
}
