package com.foobar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Our server as a secondary of real primaries: NSD and Knot (Debian's packages). It transfers the
 * zone (the changes only, by IXFR, where Knot keeps them), follows a change when the primary sends
 * NOTIFY (the zone's refresh is an hour away), accepts NOTIFY from its primaries only, serves its
 * copy on disk at once after a restart, and answers SERVFAIL once SOA expire has passed without
 * reaching a primary, as NSD does.
 */
class SecondaryIT {
  private static final Path KNOTD = Path.of("/usr/sbin/knotd");
  private static final Path KNOTC = Path.of("/usr/sbin/knotc");
  private static final Name ZONE = Name.fromConstantString("example.org.");

  @Test
  void transfersFromNsdAndFollowsItsNotify(@TempDir Path work) throws Exception {
    Path zoneFile = writeZone(work, 1, 3600, 600, 86400, "");
    int ourPort = FreePort.udpAndTcp();
    try (ReferenceServer nsd = startNsd(work, zoneFile, ourPort);
        DnsServer secondary = secondary(work, ourPort, nsd.port())) {
      awaitAddress(ourPort, "www.example.org.", "192.0.2.1");
      assertThat(Files.readString(work.resolve("copies/example.org.zone"))).contains("192.0.2.1");

      writeZone(work, 2, 3600, 600, 86400, "shop IN A 192.0.2.80\n");
      nsd.hangUp();
      awaitAddress(ourPort, "shop.example.org.", "192.0.2.80");
      Message soa = LoopbackDns.ask(ourPort, "example.org.", Type.SOA);
      assertThat(soa.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(soa.getSection(Section.ANSWER).get(0).rdataToString()).contains(" 2 3600 ");
    }
  }

  @Test
  void transfersFromKnotAndFollowsItsNotifyByIxfr(@TempDir Path work) throws Exception {
    Path zoneFile = writeZone(work, 1, 3600, 600, 86400, "");
    int ourPort = FreePort.udpAndTcp();
    try (ReferenceServer knot = startKnot(work, zoneFile, ourPort);
        DnsServer secondary = secondary(work, ourPort, knot.port())) {
      awaitAddress(ourPort, "www.example.org.", "192.0.2.1");

      writeZone(work, 2, 3600, 600, 86400, "shop IN A 192.0.2.80\n");
      Process reload =
          new ProcessBuilder(
                  KNOTC.toString(), "-c", work.resolve("knot.conf").toString(), "zone-reload")
              .redirectErrorStream(true)
              .start();
      assertThat(reload.waitFor()).as(new String(reload.getInputStream().readAllBytes())).isZero();
      awaitAddress(ourPort, "shop.example.org.", "192.0.2.80");
      // Only the change travelled: Knot served it as an incremental transfer.
      assertThat(Files.readString(work.resolve("knot.out")))
          .containsPattern("IXFR, outgoing, remote 127\\.0\\.0\\.1@\\d+, started, serial 1 -> 2");
      assertThat(addresses(LoopbackDns.ask(ourPort, "www.example.org.", Type.A)))
          .containsExactly("192.0.2.1");
    }
  }

  @Test
  void acceptsNotifyFromItsPrimaryOnlyAndForItsZonesOnly(@TempDir Path work) throws Exception {
    Path zoneFile = writeZone(work, 1, 3600, 600, 86400, "");
    int ourPort = FreePort.udpAndTcp();
    try (ReferenceServer nsd = startNsd(work, zoneFile, ourPort);
        DnsServer secondary = secondary(work, ourPort, nsd.port())) {
      awaitAddress(ourPort, "www.example.org.", "192.0.2.1");

      Message fromPrimary = notify(ourPort, "127.0.0.1", ZONE);
      assertThat(fromPrimary.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(fromPrimary.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
      assertThat(fromPrimary.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(notify(ourPort, "127.0.0.2", ZONE).getRcode()).isEqualTo(Rcode.REFUSED);
      assertThat(notify(ourPort, "127.0.0.1", Name.fromString("example.net.")).getRcode())
          .isEqualTo(Rcode.REFUSED);
    }
  }

  @Test
  void servesItsCopyAtOnceAfterARestartAndServfailsPastExpire(@TempDir Path work) throws Exception {
    // Refresh and retry every second, expire after 4 s without reaching the primary.
    Path zoneFile = writeZone(work, 1, 1, 1, 4, "");
    int ourPort = FreePort.udpAndTcp();
    int primaryPort;
    try (ReferenceServer nsd = startNsd(work, zoneFile, ourPort)) {
      primaryPort = nsd.port();
      try (DnsServer first = secondary(work, ourPort, primaryPort)) {
        awaitAddress(ourPort, "www.example.org.", "192.0.2.1");
      }
    }
    // The primary is gone now; a new start serves the copy on disk before asking anyone.
    try (DnsServer again = secondary(work, ourPort, primaryPort)) {
      assertThat(addresses(LoopbackDns.ask(ourPort, "www.example.org.", Type.A)))
          .containsExactly("192.0.2.1");
      Await.until(
          "SERVFAIL past expire",
          () -> LoopbackDns.ask(ourPort, "www.example.org.", Type.A).getRcode() == Rcode.SERVFAIL);
      assertThat(LoopbackDns.ask(ourPort, "example.org.", Type.SOA).getRcode())
          .isEqualTo(Rcode.SERVFAIL);
    }
  }

  private static DnsServer secondary(Path work, int port, int primaryPort) throws IOException {
    Path zones = Files.createDirectories(work.resolve("our-zones")); // no zone of our own
    DnsServer server =
        DnsServer.withoutZoneWatcher(
            DnsConfig.serving(zones)
                .withPort(port)
                .withSecondary(
                    List.of("example.org"),
                    List.of("127.0.0.1@" + primaryPort),
                    work.resolve("copies")));
    server.start();
    return server;
  }

  /** The primary's zone file, written whole (a reload must see the new serial). */
  private static Path writeZone(
      Path work, long serial, int refresh, int retry, int expire, String more) throws IOException {
    Path file = work.resolve("example.org.zone");
    Files.writeString(
        file,
        String.join(
                "\n",
                "$ORIGIN example.org.",
                "$TTL 300",
                "@ IN SOA ns1.example.org. hostmaster.example.org. "
                    + serial
                    + " "
                    + refresh
                    + " "
                    + retry
                    + " "
                    + expire
                    + " 300",
                "@ IN NS ns1.example.org.",
                "ns1 IN A 192.0.2.53",
                "www IN A 192.0.2.1",
                "")
            + more);
    return file;
  }

  private static ReferenceServer startNsd(Path work, Path zoneFile, int notifyPort)
      throws Exception {
    return TestNsd.start(
        work,
        List.of(),
        List.of(
            "zone:",
            "  name: example.org",
            "  zonefile: \"" + zoneFile + "\"",
            "  provide-xfr: 127.0.0.1 NOKEY",
            "  notify: 127.0.0.1@" + notifyPort + " NOKEY"));
  }

  private static ReferenceServer startKnot(Path work, Path zoneFile, int notifyPort)
      throws Exception {
    Path log = work.resolve("knot.out");
    Path storage = Files.createDirectories(work.resolve("knot"));
    return ReferenceServer.start(
        port -> {
          Files.writeString(
              work.resolve("knot.conf"),
              String.join(
                  "\n",
                  "server:",
                  "  listen: 127.0.0.1@" + port,
                  "  rundir: \"" + storage + "\"",
                  "control:",
                  "  listen: \"" + storage.resolve("knot.sock") + "\"",
                  "database:",
                  "  storage: \"" + storage + "\"",
                  "remote:",
                  "  - id: secondary",
                  "    address: 127.0.0.1@" + notifyPort,
                  "acl:",
                  "  - id: transfer-to-secondary",
                  "    address: 127.0.0.1",
                  "    action: transfer",
                  "zone:",
                  "  - domain: example.org",
                  "    file: \"" + zoneFile + "\"",
                  "    notify: secondary",
                  "    acl: transfer-to-secondary",
                  "    zonefile-sync: -1",
                  // Knot keeps each reload's changes in its journal, so it can answer IXFR.
                  "    zonefile-load: difference",
                  "    journal-content: changes",
                  ""));
          return new ProcessBuilder(KNOTD.toString(), "-c", work.resolve("knot.conf").toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
        },
        "Knot DNS ",
        log);
  }

  private static void awaitAddress(int port, String name, String address) throws Exception {
    Await.until(
        name + " " + address + " from our secondary",
        () -> addresses(LoopbackDns.ask(port, name, Type.A)).contains(address));
  }

  private static List<String> addresses(Message answer) {
    List<String> addresses = new ArrayList<>();
    for (Record record : answer.getSection(Section.ANSWER)) {
      if (record.getType() == Type.A) {
        addresses.add(record.rdataToString());
      }
    }
    return addresses;
  }

  /** A NOTIFY for {@code zone} sent from {@code source}, as a primary sends it (RFC 1996). */
  private static Message notify(int port, String source, Name zone) throws IOException {
    SimpleResolver resolver =
        new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    resolver.setLocalAddress(new InetSocketAddress(InetAddress.getByName(source), 0));
    resolver.setTimeout(Duration.ofSeconds(2));
    Message notify = Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN));
    notify.getHeader().setOpcode(Opcode.NOTIFY);
    notify.getHeader().setFlag(Flags.AA);
    notify.getHeader().unsetFlag(Flags.RD);
    return resolver.send(notify);
  }
}
