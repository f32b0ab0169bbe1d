package com.foobar.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.foobar.dns.zone.TestZones;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The same queries to NSD and to us, on the same zone file: the answers must be equal section by
 * section (records, TTLs), with the same rcode and flags. NSD is the oracle; the test is skipped,
 * visibly, where NSD is not installed.
 */
class NsdParityIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @TempDir static Path work;
  private static ReferenceServer nsd;
  private static DnsServer ours;
  private static int nsdPort;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        Files.isExecutable(TestNsd.NSD), "nsd is not installed (apt-get install nsd): skipped");
    ours = new DnsServer(DnsConfig.serving(TestZones.directory()));
    ours.start();
    Path zone = TestZones.directory().resolve("foobar.com.zone").toAbsolutePath();
    nsd =
        TestNsd.start(
            work,
            // Like Knot and us: no apex NS in the authority section of every answer.
            List.of("rrl-ratelimit: 0", "minimal-responses: yes"),
            List.of("zone:", "  name: foobar.com", "  zonefile: \"" + zone + "\""));
    nsdPort = nsd.port();
    Await.until( // answering is not yet serving the zone
        "NSD serving foobar.com",
        () -> ask(nsdPort, "foobar.com", "SOA", "udp", "IN").getRcode() == Rcode.NOERROR);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (nsd != null) {
      nsd.close();
    }
    if (ours != null) {
      ours.close();
    }
  }

  // 221 octets; redirected by the DNAME at long.foobar.com it would be 277 (> 255): YXDOMAIN.
  private static final String OVERFLOWS_THROUGH_DNAME =
      ("q".repeat(50) + ".").repeat(4) + "long.foobar.com";

  static Stream<Arguments> queries() {
    String[][] table = {
      {"foobar.com", "A"},
      {"foobar.com", "AAAA"},
      {"foobar.com", "NS"},
      {"foobar.com", "SOA"},
      {"foobar.com", "MX"},
      {"foobar.com", "TXT"},
      {"www.foobar.com", "A"},
      {"www.foobar.com", "AAAA"},
      {"www.foobar.com", "CNAME"},
      {"WwW.FooBar.CoM", "A"},
      {"ns1.foobar.com", "A"},
      {"mail.foobar.com", "AAAA"},
      {"ipv6.foobar.com", "AAAA"},
      {"a.b.foobar.com", "A"},
      {"b.foobar.com", "TXT"},
      {"x.a.b.foobar.com", "A"},
      {"chain1.foobar.com", "A"},
      {"dangling.foobar.com", "A"},
      {"away.foobar.com", "A"},
      {"anything.wild.foobar.com", "TXT"},
      {"anything.wild.foobar.com", "A"},
      {"deeper.anything.wild.foobar.com", "TXT"},
      {"wild.foobar.com", "TXT"},
      {"short.foobar.com", "A"},
      {"sub.foobar.com", "NS"},
      {"host.sub.foobar.com", "A"},
      {"ns.sub.foobar.com", "A"},
      {"nope.foobar.com", "A"},
      {"nope.www.foobar.com", "A"},
      {"big.foobar.com", "TXT"},
      {"x.old.foobar.com", "A"},
      {"X.Old.FooBar.com", "A"},
      {"y.old.foobar.com", "A"},
      {"old.foobar.com", "DNAME"},
      {"old.foobar.com", "A"},
      {"a.ext.foobar.com", "A"},
      {"ext.foobar.com", "ANY"},
      {"x.long.foobar.com", "A"},
      {OVERFLOWS_THROUGH_DNAME, "A"},
    };
    List<Arguments> cases = new ArrayList<>();
    for (String[] query : table) {
      for (String transport : List.of("udp", "udp+edns", "tcp")) {
        cases.add(Arguments.of(query[0], query[1], transport, "IN"));
      }
    }
    // Other classes: ANY gets the data without AA, the rest REFUSED.
    for (String[] query : new String[][] {{"www.foobar.com", "A"}, {"nope.foobar.com", "A"}}) {
      cases.add(Arguments.of(query[0], query[1], "udp+edns", "ANY"));
      cases.add(Arguments.of(query[0], query[1], "udp+edns", "CH"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {3} {1} over {2}")
  @MethodSource("queries")
  void answersLikeNsd(String name, String type, String transport, String qclass)
      throws IOException {
    Message expected = ask(nsdPort, name, type, transport, qclass);
    Message actual = ask(ours.port(), name, type, transport, qclass);

    // One deliberate difference: like Knot (and RFC 1035 3.3.9), we add the addresses of an
    // in-zone MX target, which NSD's minimal mode leaves out; DnsServerIT checks them.
    boolean additionalDiffers = type.equals("MX");
    assertThat(describe(actual, additionalDiffers))
        .isEqualTo(describe(expected, additionalDiffers));
  }

  private static Message ask(int port, String name, String type, String transport, String qclass)
      throws IOException {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(LOOPBACK, port));
    resolver.setTCP(transport.equals("tcp"));
    resolver.setIgnoreTruncation(true);
    boolean edns = !transport.equals("udp");
    resolver.setEDNS(edns ? 0 : -1, edns ? 1232 : 0, 0, List.of());
    resolver.setTimeout(Await.REPLY);
    Message query =
        Message.newQuery(
            Record.newRecord(Name.fromString(name + "."), Type.value(type), DClass.value(qclass)));
    return resolver.send(query);
  }

  /** Everything a client sees, sections sorted (RRsets may come in any order). */
  private static List<String> describe(Message message, boolean withoutAdditional) {
    List<String> lines = new ArrayList<>();
    lines.add("rcode " + Rcode.string(message.getRcode()));
    StringBuilder flags = new StringBuilder("flags");
    for (int flag :
        new int[] {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD}) {
      if (message.getHeader().getFlag(flag)) {
        flags.append(' ').append(Flags.string(flag));
      }
    }
    lines.add(flags.toString());
    lines.add("question " + message.getQuestion());
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      if (section == Section.ADDITIONAL && withoutAdditional) {
        continue;
      }
      message.getSection(section).stream()
          .filter(record -> record.getType() != Type.OPT)
          .map(record -> Section.string(section) + " " + record)
          .sorted()
          .forEach(lines::add);
    }
    OPTRecord opt = message.getOPT();
    lines.add(
        opt == null
            ? "no OPT"
            : "OPT version "
                + opt.getVersion()
                + " payload "
                + opt.getPayloadSize()
                + " flags "
                + opt.getFlags());
    return lines;
  }
}
