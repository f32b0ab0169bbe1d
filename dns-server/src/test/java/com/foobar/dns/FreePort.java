package com.foobar.dns;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A loopback port free for both TCP and UDP when asked, for reference servers (NSD, Knot) that must
 * be given a port. It is released before the server binds it, so another program may take it in
 * between: {@link ReferenceServer} starts again on another port when that happens. Our own server
 * never needs this, it binds port 0.
 */
final class FreePort {
  private FreePort() {}

  static int udpAndTcp() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, loopback);
          DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), loopback)) {
        return tcp.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no loopback port free for both TCP and UDP");
  }
}
