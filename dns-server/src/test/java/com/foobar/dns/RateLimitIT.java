package com.foobar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.dns.zone.TestZones;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A burst from one client against a running server. How the burst falls into the limiter's
 * one-second windows depends on scheduling, so the assertions hold for any split: they take the
 * number of windows the burst touched, measured on the clock the limiter reads (the server runs in
 * this JVM). {@code ResponseRateLimiterTest} checks the exact arithmetic on a given clock.
 */
class RateLimitIT {
  private static final int BURST = 60;
  private static final int RATE = 5;
  private static final long SECOND = 1_000_000_000L;

  /** What came back for a burst, and over how many of the limiter's windows it was judged. */
  private record Burst(int full, int truncated, long dropped, long windows) {}

  /**
   * Sends the burst from one socket, waits until the server has judged every query, then reads
   * exactly the replies it sent: none is left to a timeout.
   */
  private static Burst burst(DnsServer server) throws Exception {
    byte[] query =
        Message.newQuery(Record.newRecord(Name.fromString("www.foobar.com."), Type.A, DClass.IN))
            .toWire();
    long answeredBefore = server.stats().answered();
    long droppedBefore = server.stats().rateLimited();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setReceiveBufferSize(1 << 20); // room for every reply until they are read
      socket.setSoTimeout((int) Await.PATIENCE.toMillis()); // a ceiling: each reply was sent
      // The limiter's window is System.nanoTime() / 1 s, read after our first send and before
      // the last query is judged: the burst touched the windows from first to last.
      long firstWindow = System.nanoTime() / SECOND;
      for (int i = 0; i < BURST; i++) {
        socket.send(
            new DatagramPacket(
                query, query.length, InetAddress.getLoopbackAddress(), server.port()));
      }
      Await.until(
          "all " + BURST + " queries answered or dropped",
          () -> sent(server, answeredBefore) + dropped(server, droppedBefore) == BURST);
      long lastWindow = System.nanoTime() / SECOND;

      int full = 0;
      int truncated = 0;
      byte[] buffer = new byte[1500];
      for (long reply = 0; reply < sent(server, answeredBefore); reply++) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        Message answer = new Message(ByteBuffer.wrap(buffer, 0, packet.getLength()));
        if (answer.getHeader().getFlag(Flags.TC)) {
          assertThat(answer.getSection(Section.ANSWER)).isEmpty();
          truncated++;
        } else {
          assertThat(answer.getSection(Section.ANSWER)).hasSize(2);
          full++;
        }
      }
      return new Burst(
          full, truncated, dropped(server, droppedBefore), lastWindow - firstWindow + 1);
    }
  }

  private static long sent(DnsServer server, long before) {
    return server.stats().answered() - before;
  }

  private static long dropped(DnsServer server, long before) {
    return server.stats().rateLimited() - before;
  }

  @Test
  void limitsAnswersPerClientNetworkAndSlipsTruncatedOnes() throws Exception {
    DnsConfig config = DnsConfig.serving(TestZones.directory()).withRateLimit(RATE);
    try (DnsServer server = new DnsServer(config)) {
      server.start();
      Burst burst = burst(server);

      // Each window the burst touched sends at most RATE whole; the first RATE queries are always
      // sent whole, whatever the split.
      assertThat(burst.full())
          .as("%s", burst)
          .isBetween(RATE, (int) Math.min(BURST, RATE * burst.windows()));
      // The rest are over the limit: every second one of each window's excess is slipped
      // truncated (slip 2), so between (excess - windows) / 2 and excess / 2 of them.
      int excess = BURST - burst.full();
      assertThat(burst.truncated())
          .as("%s", burst)
          .isBetween((int) Math.max(0, (excess - burst.windows() + 1) / 2), excess / 2);
      assertThat(burst.truncated() + burst.dropped()).as("%s", burst).isEqualTo(excess);
      if (RATE * burst.windows() < BURST) { // always, unless the burst took over 11 s
        assertThat(burst.truncated()).as("%s", burst).isPositive();
        assertThat(burst.dropped()).as("%s", burst).isPositive();
      }
    }
  }

  @Test
  void answersEverythingWhenOff() throws Exception {
    try (DnsServer server = new DnsServer(DnsConfig.serving(TestZones.directory()))) {
      server.start();

      assertThat(burst(server))
          .extracting(Burst::full, Burst::truncated, Burst::dropped)
          .containsExactly(BURST, 0, 0L);
    }
  }
}
