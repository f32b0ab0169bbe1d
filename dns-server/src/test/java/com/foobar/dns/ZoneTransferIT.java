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
        new DnsServer(DnsConfig.serving(TestZones.directory()).withTransferAllow(allow));
    server.start();
    return server;
  }

  @Test
  void givesTheWholeZoneToAnAllowedAddress() throws Exception {
    try (DnsServer server = server(List.of("127.0.0.0/8"))) {
      ZoneTransferIn axfr = ZoneTransferIn.newAXFR(ZONE, "127.0.0.1", server.port(), null);
      axfr.setTimeout(Await.REPLY);
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
      ixfr.setTimeout(Await.REPLY);
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
      axfr.setTimeout(Await.REPLY);

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
        socket.setSoTimeout((int) Await.REPLY.toMillis());
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
    try (DnsServer primary = server(List.of("127.0.0.1"));
        ReferenceServer knot = startKnot(work, port -> primary.port())) {
      Message answer = awaitAddress(knot.port(), "www.foobar.com.", "8.8.8.8", work);

      assertThat(answer.getSection(Section.ANSWER)).hasSize(2);
    }
  }

  @Test
  void notifiesTheSecondaryWhichThenFetchesTheNewSerial(@TempDir Path work) throws Exception {
    assumeTrue(Files.isExecutable(KNOTD), "knotd is not installed (apt-get install knot): skipped");
    Path zones = Files.createDirectories(work.resolve("zones"));
    Path zoneFile = zones.resolve("foobar.com.zone");
    Files.copy(TestZones.directory().resolve("foobar.com.zone"), zoneFile);
    try (NotifyingPrimary primary = new NotifyingPrimary(zones);
        ReferenceServer knot = startKnot(work, primary::startNotifying)) {
      awaitAddress(knot.port(), "www.foobar.com.", "8.8.8.8", work);

      // Knot would next refresh in 7200 s (the SOA's refresh): only NOTIFY brings it now.
      Files.writeString(
          zoneFile,
          Files.readString(zoneFile).replace("2026112201", "2026112202")
              + "shop IN A 192.0.2.80\n");
      assertThat(primary.server().reload())
          .isEqualTo("updated foobar.com. serial 2026112201 -> 2026112202");

      awaitAddress(knot.port(), "shop.foobar.com.", "192.0.2.80", work);
    }
  }

  /**
   * Our primary, told the secondary's port to NOTIFY, which is known only once Knot is given one:
   * each start of Knot on a new port starts a new primary too.
   */
  private static final class NotifyingPrimary implements AutoCloseable {
    private final Path zones;
    private DnsServer server;

    NotifyingPrimary(Path zones) {
      this.zones = zones;
    }

    /** Starts a primary that notifies {@code secondaryPort}; returns the primary's port. */
    int startNotifying(int secondaryPort) throws IOException {
      close();
      DnsConfig config =
          DnsConfig.serving(zones)
              .withTransferAllow(List.of("127.0.0.1"))
              .withNotifyTargets(List.of("127.0.0.1@" + secondaryPort));
      server = DnsServer.withoutZoneWatcher(config); // the test's reload() is the only one
      server.start();
      return server.port();
    }

    DnsServer server() {
      return server;
    }

    @Override
    public void close() {
      if (server != null) {
        server.close();
        server = null;
      }
    }
  }

  /** The port of the primary Knot should pull from, given the port Knot listens on. */
  @FunctionalInterface
  private interface PrimaryPort {
    int forSecondary(int knotPort) throws IOException;
  }

  private static ReferenceServer startKnot(Path work, PrimaryPort primary) throws Exception {
    Path log = work.resolve("knot.out");
    return ReferenceServer.start(
        knotPort -> startKnot(work, knotPort, primary.forSecondary(knotPort), log),
        "Knot DNS ",
        log);
  }

  private static Process startKnot(Path work, int knotPort, int primaryPort, Path log)
      throws IOException {
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
        .redirectOutput(log.toFile()) // truncated: each start has its own messages
        .start();
  }

  /** Asks the secondary until {@code name} resolves to {@code address}. */
  private static Message awaitAddress(int port, String name, String address, Path work)
      throws Exception {
    SimpleResolver secondary =
        new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    secondary.setTimeout(Duration.ofSeconds(2));
    Message query = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
    try {
      return Await.result(
          "knot answering " + name + " " + address,
          () -> {
            Message answer = secondary.send(query);
            List<Record> records = answer.getSection(Section.ANSWER);
            boolean arrived =
                !records.isEmpty()
                    && records.get(records.size() - 1).rdataToString().equals(address);
            return arrived ? answer : null;
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + Files.readString(work.resolve("knot.out")));
    }
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
