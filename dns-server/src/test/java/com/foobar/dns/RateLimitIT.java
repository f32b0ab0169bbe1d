package com.foobar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.dns.zone.TestZones;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class RateLimitIT {
  private static final int BURST = 60;

  /** Sends a burst from one socket; returns {full answers, truncated answers}. */
  private static int[] burst(DnsServer server) throws Exception {
    byte[] query =
        Message.newQuery(Record.newRecord(Name.fromString("www.foobar.com."), Type.A, DClass.IN))
            .toWire();
    int full = 0;
    int truncated = 0;
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(500);
      for (int i = 0; i < BURST; i++) {
        socket.send(
            new DatagramPacket(
                query, query.length, InetAddress.getLoopbackAddress(), server.port()));
      }
      byte[] buffer = new byte[1500];
      while (true) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException done) {
          break;
        }
        Message answer = new Message(ByteBuffer.wrap(buffer, 0, packet.getLength()));
        if (answer.getHeader().getFlag(Flags.TC)) {
          assertThat(answer.getSection(Section.ANSWER)).isEmpty();
          truncated++;
        } else {
          assertThat(answer.getSection(Section.ANSWER)).hasSize(2);
          full++;
        }
      }
    }
    return new int[] {full, truncated};
  }

  @Test
  void limitsAnswersPerClientNetworkAndSlipsTruncatedOnes() throws Exception {
    DnsConfig config =
        new DnsConfig(List.of("127.0.0.1"), 0, TestZones.directory(), List.of(), List.of(), "", 5);
    try (DnsServer server = new DnsServer(config)) {
      server.start();
      int[] answers = burst(server);

      // A burst can straddle a second boundary: at most twice the rate gets through whole.
      assertThat(answers[0]).isBetween(5, 10);
      assertThat(answers[1]).isPositive();
      assertThat(answers[0] + answers[1]).isLessThan(BURST);
    }
  }

  @Test
  void answersEverythingWhenOff() throws Exception {
    try (DnsServer server =
        new DnsServer(new DnsConfig(List.of("127.0.0.1"), 0, TestZones.directory()))) {
      server.start();

      assertThat(burst(server)).containsExactly(BURST, 0);
    }
  }
}
