package com.foobar.dist.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports free on loopback for both TCP and UDP at the time of asking. */
final class FreePorts {
  private FreePorts() {}

  static int next() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(port, loopback)) {
          return port;
        } catch (IOException takenForUdp) {
          // try another
        }
      }
    }
    throw new IOException("no port free for both TCP and UDP");
  }
}
