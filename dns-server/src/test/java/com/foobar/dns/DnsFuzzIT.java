package com.foobar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.dns.answer.QueryHandler;
import com.foobar.dns.answer.Transport;
import com.foobar.dns.zone.TestZones;
import com.foobar.dns.zone.ZoneLoader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Hostile packets, some hundred and seventy thousand of them: the answer engine never throws and
 * never fails internally (SERVFAIL would mean it did), every answer it gives parses and carries the
 * query's ID, and a running server takes them all and still answers correctly afterwards.
 */
class DnsFuzzIT {
  private static final int HANDLER_PACKETS = 150_000;
  private static final int NETWORK_PACKETS = 25_000;

  @Test
  void theAnswerEngineSurvivesMutatedPacketsWithValidAnswers() throws Exception {
    QueryHandler handler = new QueryHandler(new ZoneLoader().loadDirectory(TestZones.directory()));
    PacketMutator mutator = new PacketMutator(20261122L);
    int answered = 0;
    for (int i = 0; i < HANDLER_PACKETS; i++) {
      byte[] packet = mutator.next();
      Transport transport = (i & 1) == 0 ? Transport.UDP : Transport.TCP;
      byte[] answer = handler.handle(packet, packet.length, transport);
      if (answer == null) {
        continue;
      }
      answered++;
      Message response = new Message(ByteBuffer.wrap(answer));
      assertThat(response.getHeader().getID())
          .as("answer ID for packet %d", i)
          .isEqualTo(((packet[0] & 0xff) << 8) | (packet[1] & 0xff));
      assertThat(response.getRcode())
          .as("rcode for packet %d: %s", i, java.util.HexFormat.of().formatHex(packet))
          .isNotEqualTo(Rcode.SERVFAIL);
      if (transport == Transport.UDP) {
        assertThat(answer.length).isLessThanOrEqualTo(1232);
      }
    }
    assertThat(answered).isGreaterThan(HANDLER_PACKETS / 2);
  }

  @Test
  void answersFormerrToABrokenQuestionUnderTheTcBit() throws Exception {
    // Found by the mutator: TC set, a label length flipped from 6 to 2. dnsjava then stops
    // parsing quietly, leaving QDCOUNT=1 and no question; this once ended in a SERVFAIL.
    byte[] packet =
        java.util.HexFormat.of()
            .parseHex(
                "dbcf03000001000000000001046e6f706502666f6f62617203636f6d00001c0001"
                    + "00002904d0000000000000");
    QueryHandler handler = new QueryHandler(new ZoneLoader().loadDirectory(TestZones.directory()));

    Message response =
        new Message(ByteBuffer.wrap(handler.handle(packet, packet.length, Transport.UDP)));

    assertThat(response.getHeader().getID()).isEqualTo(0xdbcf);
    assertThat(response.getRcode()).isEqualTo(Rcode.FORMERR);
  }

  @Test
  void aRunningServerTakesAFloodOfJunkAndKeepsAnswering() throws Exception {
    try (DnsServer server = new DnsServer(DnsConfig.serving(TestZones.directory()))) {
      server.start();
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
      PacketMutator mutator = new PacketMutator(42L);
      try (DatagramSocket socket = new DatagramSocket()) {
        socket.setSoTimeout(1); // only ends a drain: no assertion depends on what it reads
        byte[] sink = new byte[65535];
        for (int i = 0; i < NETWORK_PACKETS; i++) {
          byte[] packet = mutator.next();
          socket.send(new DatagramPacket(packet, packet.length, address));
          if (i % 64 == 0) {
            drain(socket, sink); // keep our receive buffer from filling
          }
        }
      }

      // The junk still queued in the socket buffer is served first: ask until it is through.
      SimpleResolver resolver = new SimpleResolver(address);
      resolver.setTimeout(Duration.ofSeconds(2));
      Message query =
          Message.newQuery(Record.newRecord(Name.fromString("www.foobar.com."), Type.A, DClass.IN));
      Message response = Await.result("an answer after the flood", () -> resolver.send(query));
      List<Record> answer = response.getSection(Section.ANSWER);
      assertThat(answer).hasSize(2);
      assertThat(((ARecord) answer.get(1)).getAddress().getHostAddress()).isEqualTo("8.8.8.8");
      assertThat(server.stats().failed()).as("errors caught in the listeners").isZero();
      assertThat(server.stats().answered() + server.stats().dropped()).isPositive();
    }
  }

  private static void drain(DatagramSocket socket, byte[] sink) {
    try {
      while (true) {
        socket.receive(new DatagramPacket(sink, sink.length));
      }
    } catch (java.io.IOException timeout) {
      // nothing more waiting
    }
  }
}
