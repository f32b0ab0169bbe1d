package com.foobar.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.foobar.dns.zone.TestZones;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

class ZoneTransferIT {
  private static final Name ZONE = Name.fromConstantString("foobar.com.");
  private static final Path KNOTD = Path.of("/usr/sbin/knotd");

  private static DnsServer server(List<String> allow) throws IOException {
    DnsServer server =
        new DnsServer(new DnsConfig(List.of("127.0.0.1"), 0, TestZones.directory(), allow));
    server.start();
    return server;
  }

  @Test
  void givesTheWholeZoneToAnAllowedAddress() throws Exception {
    try (DnsServer server = server(List.of("127.0.0.0/8"))) {
      ZoneTransferIn axfr = ZoneTransferIn.newAXFR(ZONE, "127.0.0.1", server.port(), null);
      axfr.setTimeout(Duration.ofSeconds(5));
      axfr.run();

      List<Record> records = axfr.getAXFR();
      assertThat(records.get(0)).isInstanceOf(SOARecord.class);
      assertThat(records.get(records.size() - 1)).isEqualTo(records.get(0));
      assertThat(sorted(records.subList(0, records.size() - 1))).isEqualTo(sorted(zoneFile()));
    }
  }

  @Test
  void answersIxfrWithTheFullZone() throws Exception {
    try (DnsServer server = server(List.of("127.0.0.1"))) {
      ZoneTransferIn ixfr =
          ZoneTransferIn.newIXFR(ZONE, 1, false, "127.0.0.1", server.port(), null);
      ixfr.setTimeout(Duration.ofSeconds(5));
      ixfr.run();

      assertThat(ixfr.isAXFR()).isTrue();
      assertThat(sorted(ixfr.getAXFR().subList(0, ixfr.getAXFR().size() - 1)))
          .isEqualTo(sorted(zoneFile()));
    }
  }

  @Test
  void refusesAddressesOutsideTheAcl() throws Exception {
    try (DnsServer server = server(List.of("192.0.2.0/24"))) {
      ZoneTransferIn axfr = ZoneTransferIn.newAXFR(ZONE, "127.0.0.1", server.port(), null);
      axfr.setTimeout(Duration.ofSeconds(5));

      assertThatThrownBy(axfr::run)
          .isInstanceOf(ZoneTransferException.class)
          .hasMessageContaining("REFUSED");
    }
  }

  @Test
  void refusesTransfersOverUdpEvenToAllowedAddresses() throws Exception {
    try (DnsServer server = server(List.of("127.0.0.1"))) {
      // By hand: dnsjava's resolver would quietly switch an AXFR to TCP.
      byte[] query = Message.newQuery(Record.newRecord(ZONE, Type.AXFR, DClass.IN)).toWire();
      byte[] buffer = new byte[65535];
      DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
      try (DatagramSocket socket = new DatagramSocket()) {
        socket.setSoTimeout(3000);
        socket.send(
            new DatagramPacket(
                query, query.length, InetAddress.getLoopbackAddress(), server.port()));
        socket.receive(reply);
      }
      Message response = new Message(ByteBuffer.wrap(buffer, 0, reply.getLength()));

      assertThat(response.getRcode()).isEqualTo(Rcode.REFUSED);
      assertThat(response.getSection(Section.ANSWER)).isEmpty();
    }
  }

  @Test
  void aRealKnotSecondaryTransfersTheZone(@TempDir Path work) throws Exception {
    assumeTrue(Files.isExecutable(KNOTD), "knotd is not installed (apt-get install knot): skipped");
    try (DnsServer primary = server(List.of("127.0.0.1"))) {
      int knotPort = FreePort.udpAndTcp();
      Process knot = startKnot(work, knotPort, primary.port());
      try {
        Message answer = awaitAddress(knotPort, "www.foobar.com.", "8.8.8.8", work);
        assertThat(answer.getSection(Section.ANSWER)).hasSize(2);
      } finally {
        knot.destroy();
        knot.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void notifiesTheSecondaryWhichThenFetchesTheNewSerial(@TempDir Path work) throws Exception {
    assumeTrue(Files.isExecutable(KNOTD), "knotd is not installed (apt-get install knot): skipped");
    Path zones = Files.createDirectories(work.resolve("zones"));
    Path zoneFile = zones.resolve("foobar.com.zone");
    Files.copy(TestZones.directory().resolve("foobar.com.zone"), zoneFile);
    int knotPort = FreePort.udpAndTcp();
    DnsConfig config =
        new DnsConfig(
            List.of("127.0.0.1"),
            0,
            zones,
            List.of("127.0.0.1"),
            List.of("127.0.0.1@" + knotPort),
            "",
            0);
    try (DnsServer primary = new DnsServer(config)) {
      primary.start();
      Process knot = startKnot(work, knotPort, primary.port());
      try {
        awaitAddress(knotPort, "www.foobar.com.", "8.8.8.8", work);

        // Knot would next refresh in 7200 s (the SOA's refresh): only NOTIFY brings it now.
        Files.writeString(
            zoneFile,
            Files.readString(zoneFile).replace("2026112201", "2026112202")
                + "shop IN A 192.0.2.80\n");
        primary.reload();

        awaitAddress(knotPort, "shop.foobar.com.", "192.0.2.80", work);
      } finally {
        knot.destroy();
        knot.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static Process startKnot(Path work, int knotPort, int primaryPort) throws IOException {
    Path storage = Files.createDirectories(work.resolve("knot"));
    Files.writeString(
        work.resolve("knot.conf"),
        String.join(
            "\n",
            "server:",
            "  listen: 127.0.0.1@" + knotPort,
            "  rundir: \"" + storage + "\"",
            "database:",
            "  storage: \"" + storage + "\"",
            "remote:",
            "  - id: foobar",
            "    address: 127.0.0.1@" + primaryPort,
            "acl:",
            "  - id: notify-from-foobar",
            "    address: 127.0.0.1",
            "    action: notify",
            "zone:",
            "  - domain: foobar.com",
            "    master: foobar",
            "    acl: notify-from-foobar",
            "    storage: \"" + storage + "\"",
            ""));
    return new ProcessBuilder(KNOTD.toString(), "-c", work.resolve("knot.conf").toString())
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("knot.out").toFile())
        .start();
  }

  /** Asks the secondary until {@code name} resolves to {@code address}; fails after 20 s. */
  private static Message awaitAddress(int port, String name, String address, Path work)
      throws Exception {
    SimpleResolver secondary =
        new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    secondary.setTimeout(Duration.ofSeconds(1));
    Message query = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try {
        Message answer = secondary.send(query);
        List<Record> records = answer.getSection(Section.ANSWER);
        if (!records.isEmpty() && records.get(records.size() - 1).rdataToString().equals(address)) {
          return answer;
        }
      } catch (IOException notYet) {
        // knotd still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "knot never answered "
            + name
            + " "
            + address
            + ": "
            + Files.readString(work.resolve("knot.out")));
  }

  private static List<Record> zoneFile() throws IOException {
    try (Master master = new Master(TestZones.directory().resolve("foobar.com.zone").toString())) {
      List<Record> records = new java.util.ArrayList<>();
      for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
        records.add(record);
      }
      return records;
    }
  }

  private static List<String> sorted(List<Record> records) {
    return records.stream().map(Record::toString).sorted(Comparator.naturalOrder()).toList();
  }
}
