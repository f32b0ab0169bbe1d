package com.foobar.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.foobar.dns.server.ServerLimits;
import com.foobar.dns.zone.TestZones;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class DnsServerIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final int REPLY_MILLIS = (int) Await.REPLY.toMillis();
  private static DnsServer server;
  private static int port;

  @BeforeAll
  static void start() throws IOException {
    server = new DnsServer(DnsConfig.serving(TestZones.directory()));
    server.start();
    port = server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static SimpleResolver resolver(boolean tcp, boolean edns) {
    SimpleResolver r = new SimpleResolver(new InetSocketAddress(LOOPBACK, port));
    r.setTCP(tcp);
    r.setIgnoreTruncation(true); // we want to see TC, not have it retried for us
    r.setEDNS(edns ? 0 : -1, edns ? 1232 : 0, 0, List.of());
    r.setTimeout(Await.REPLY);
    return r;
  }

  private static Message ask(SimpleResolver r, String name, int type) throws IOException {
    Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    return r.send(query);
  }

  private static List<String> section(Message m, int section) {
    return m.getSection(section).stream()
        .map(
            r ->
                String.join(
                    " ",
                    r.getName().toString().toLowerCase(),
                    Long.toString(r.getTTL()),
                    DClass.string(r.getDClass()),
                    Type.string(r.getType()),
                    r.rdataToString()))
        .toList();
  }

  @Test
  void answersWwwWithCnameThenAddressOverUdpAndTcp() throws IOException {
    for (boolean tcp : new boolean[] {false, true}) {
      Message m = ask(resolver(tcp, false), "www.foobar.com.", Type.A);
      assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(m.getHeader().getFlag(Flags.RD)).isTrue(); // copied from the query
      assertThat(m.getHeader().getFlag(Flags.RA)).isFalse();
      assertThat(section(m, Section.ANSWER))
          .containsExactly(
              "www.foobar.com. 3600 IN CNAME foobar.com.", "foobar.com. 3600 IN A 8.8.8.8");
      assertThat(m.getSection(Section.AUTHORITY)).isEmpty();
    }
  }

  @Test
  void answersClientsSpreadOverSeveralUdpSocketsSharingThePort() throws IOException {
    // Four SO_REUSEPORT sockets, one thread each: 64 client ports hash onto all of them, so a
    // socket left without its thread would leave some clients unanswered.
    ServerLimits limits = new ServerLimits(4, 1, 8, Duration.ofSeconds(10));
    try (DnsServer spread = new DnsServer(DnsConfig.serving(TestZones.directory()), limits)) {
      spread.start();
      byte[] query =
          Message.newQuery(Record.newRecord(Name.fromString("foobar.com."), Type.A, DClass.IN))
              .toWire();
      for (int client = 0; client < 64; client++) {
        try (DatagramSocket s = new DatagramSocket()) {
          s.setSoTimeout(REPLY_MILLIS);
          s.send(new DatagramPacket(query, query.length, LOOPBACK, spread.port()));
          DatagramPacket reply = new DatagramPacket(new byte[512], 512);
          s.receive(reply);
          Message m = new Message(Arrays.copyOf(reply.getData(), reply.getLength()));
          assertThat(section(m, Section.ANSWER)).containsExactly("foobar.com. 3600 IN A 8.8.8.8");
        }
      }
    }
  }

  @Test
  void rdIsCopiedOnlyWhenSet() throws IOException {
    Message query =
        Message.newQuery(Record.newRecord(Name.fromString("foobar.com."), Type.A, DClass.IN));
    query.getHeader().unsetFlag(Flags.RD);
    Message m = resolver(false, false).send(query);
    assertThat(m.getHeader().getFlag(Flags.RD)).isFalse();
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
  }

  @Test
  void answersNxdomainWithNegativeSoa() throws IOException {
    Message m = ask(resolver(false, false), "nope.foobar.com.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    assertThat(section(m, Section.AUTHORITY))
        .containsExactly(
            "foobar.com. 300 IN SOA ns1.foobar.com. hostmaster.foobar.com. 2026112201 7200 3600"
                + " 1209600 300");
  }

  @Test
  void answersNodataWithNegativeSoa() throws IOException {
    Message m = ask(resolver(false, false), "foobar.com.", Type.AAAA);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    SOARecord soa = (SOARecord) m.getSection(Section.AUTHORITY).get(0);
    assertThat(soa.getTTL()).isEqualTo(300);
  }

  @Test
  void answersEmptyNonTerminalWithNodata() throws IOException {
    Message m = ask(resolver(false, false), "a.b.foobar.com.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    assertThat(m.getSection(Section.AUTHORITY).get(0).getType()).isEqualTo(Type.SOA);
  }

  @Test
  void answersMxWithAddressesOfItsTarget() throws IOException {
    Message m = ask(resolver(false, false), "foobar.com.", Type.MX);
    assertThat(section(m, Section.ANSWER))
        .containsExactly("foobar.com. 3600 IN MX 10 mail.foobar.com.");
    assertThat(section(m, Section.ADDITIONAL))
        .containsExactly(
            "mail.foobar.com. 3600 IN A 192.0.2.25",
            "mail.foobar.com. 3600 IN AAAA 2001:db8:0:0:0:0:0:25");
  }

  @Test
  void answersTxtAndAaaa() throws IOException {
    assertThat(section(ask(resolver(false, false), "foobar.com.", Type.TXT), Section.ANSWER))
        .containsExactly("foobar.com. 3600 IN TXT \"v=spf1 mx -all\"");
    assertThat(section(ask(resolver(true, false), "ipv6.foobar.com.", Type.AAAA), Section.ANSWER))
        .containsExactly("ipv6.foobar.com. 3600 IN AAAA 2001:db8:0:0:0:0:0:1");
  }

  @Test
  void refusesNamesOutsideTheZone() throws IOException {
    Message m = ask(resolver(false, false), "www.example.com.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void refusesClassesOtherThanIn() throws IOException {
    Message query =
        Message.newQuery(Record.newRecord(Name.fromString("foobar.com."), Type.TXT, DClass.CH));
    assertThat(resolver(false, false).send(query).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void echoesTheQuestionInTheClientsLetterCase() throws IOException {
    Message m = ask(resolver(false, false), "WwW.FooBar.CoM.", Type.A);
    assertThat(m.getQuestion().getName().toString()).isEqualTo("WwW.FooBar.CoM.");
    assertThat(m.getSection(Section.ANSWER)).hasSize(2);
  }

  @Test
  void echoesEdnsWithOurPayloadAndTheDoBit() throws IOException {
    SimpleResolver r = resolver(false, true);
    r.setEDNS(0, 4096, ExtendedFlags.DO, List.of());
    Message m = ask(r, "foobar.com.", Type.A);
    OPTRecord opt = m.getOPT();
    assertThat(opt).isNotNull();
    assertThat(opt.getPayloadSize()).isEqualTo(1232);
    assertThat(opt.getVersion()).isZero();
    assertThat(opt.getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);

    Message plain = ask(resolver(false, false), "foobar.com.", Type.A);
    assertThat(plain.getOPT()).isNull();
    Message noDo = ask(resolver(false, true), "foobar.com.", Type.A);
    assertThat(noDo.getOPT().getFlags() & ExtendedFlags.DO).isZero();
  }

  @Test
  void answersBadversSplittingTheExtendedRcode() throws IOException {
    Message query =
        Message.newQuery(Record.newRecord(Name.fromString("foobar.com."), Type.A, DClass.IN));
    query.addRecord(new OPTRecord(1232, 0, 1, 0), Section.ADDITIONAL);
    Message m = new Message(udp(query.toWire()));
    assertThat(m.getHeader().getID()).isEqualTo(query.getHeader().getID());
    assertThat(m.getHeader().getRcode()).isZero(); // BADVERS = 16: low 4 bits 0 in the header
    assertThat(m.getOPT().getExtendedRcode()).isEqualTo(1); // upper 8 bits in the OPT
    assertThat(m.getOPT().getVersion()).isZero();
    assertThat(m.getRcode()).isEqualTo(Rcode.BADVERS);
  }

  @Test
  void truncatesLargeUdpAnswerAndServesItWholeOverTcp() throws IOException {
    Message udp = ask(resolver(false, false), "big.foobar.com.", Type.TXT);
    assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(udp.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(udp.getSection(Section.ANSWER)).isEmpty();
    assertThat(udp.getQuestion().getName().toString()).isEqualTo("big.foobar.com.");

    Message tcp = ask(resolver(true, false), "big.foobar.com.", Type.TXT);
    assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(tcp.getSection(Section.ANSWER)).hasSize(8);
    assertThat(tcp.toWire().length).isGreaterThan(512);

    // With EDNS the same answer fits in our 1232-byte payload.
    Message edns = ask(resolver(false, true), "big.foobar.com.", Type.TXT);
    assertThat(edns.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(edns.getSection(Section.ANSWER)).hasSize(8);
  }

  @Test
  void answersFormerrToGarbageAndDropsRuntsThenKeepsAnswering() throws IOException {
    byte[] garbage = new byte[40];
    Arrays.fill(garbage, (byte) 0xEE);
    garbage[0] = 0x12;
    garbage[1] = 0x34;
    garbage[2] = 0x01; // QR=0, opcode QUERY, RD
    garbage[3] = 0x00;
    Message formerr = new Message(udp(garbage));
    assertThat(formerr.getHeader().getID()).isEqualTo(0x1234);
    assertThat(formerr.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(formerr.getRcode()).isEqualTo(Rcode.FORMERR);

    Message ok = firstReplyAfter(new byte[] {1, 2, 3, 4, 5}, query("foobar.com.", Type.A));
    assertThat(section(ok, Section.ANSWER)).containsExactly("foobar.com. 3600 IN A 8.8.8.8");
  }

  @Test
  void dropsPacketsThatAreResponses() throws IOException {
    Message query =
        Message.newQuery(Record.newRecord(Name.fromString("foobar.com."), Type.A, DClass.IN));
    query.getHeader().setFlag(Flags.QR);
    Message next = query("foobar.com.", Type.A);

    assertThat(firstReplyAfter(query.toWire(), next).getHeader().getID())
        .isEqualTo(next.getHeader().getID());
  }

  private static Message query(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
  }

  /**
   * Sends {@code dropped}, then {@code query}, from one socket and returns the first reply. One
   * server thread takes all of a client socket's packets in order, so that reply answers {@code
   * dropped} unless the server really dropped it: no waiting for an answer that does not come.
   */
  private static Message firstReplyAfter(byte[] dropped, Message query) throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(REPLY_MILLIS); // a ceiling: the answer to query does come
      byte[] wire = query.toWire();
      s.send(new DatagramPacket(dropped, dropped.length, LOOPBACK, port));
      s.send(new DatagramPacket(wire, wire.length, LOOPBACK, port));
      byte[] buf = new byte[65535];
      DatagramPacket reply = new DatagramPacket(buf, buf.length);
      s.receive(reply);
      Message answer = new Message(Arrays.copyOf(buf, reply.getLength()));
      assertThat(answer.getHeader().getID())
          .as("the ID of the first reply")
          .isEqualTo(query.getHeader().getID());
      return answer;
    }
  }

  @Test
  void refusesNotifyAnswersNotimpToOtherOpcodesAndFormerrToTwoQuestions() throws IOException {
    Message notify =
        Message.newQuery(Record.newRecord(Name.fromString("foobar.com."), Type.SOA, DClass.IN));
    notify.getHeader().setOpcode(Opcode.NOTIFY);
    assertThat(new Message(udp(notify.toWire())).getRcode()).isEqualTo(Rcode.REFUSED);

    Message update =
        Message.newQuery(Record.newRecord(Name.fromString("foobar.com."), Type.SOA, DClass.IN));
    update.getHeader().setOpcode(Opcode.UPDATE);
    assertThat(new Message(udp(update.toWire())).getRcode()).isEqualTo(Rcode.NOTIMP);

    Message two =
        Message.newQuery(Record.newRecord(Name.fromString("foobar.com."), Type.A, DClass.IN));
    two.addRecord(
        Record.newRecord(Name.fromString("ns1.foobar.com."), Type.A, DClass.IN), Section.QUESTION);
    Message m = new Message(udp(two.toWire()));
    assertThat(m.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(m.getHeader().getID()).isEqualTo(two.getHeader().getID());
  }

  @Test
  void answersSeveralQueriesOnOneTcpConnection() throws IOException {
    try (Socket s = new Socket(LOOPBACK, port)) {
      s.setSoTimeout(REPLY_MILLIS);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      String[] names = {"foobar.com.", "ns1.foobar.com.", "www.foobar.com."};
      List<List<String>> expected =
          List.of(
              List.of("foobar.com. 3600 IN A 8.8.8.8"),
              List.of("ns1.foobar.com. 3600 IN A 8.8.8.8"),
              List.of(
                  "www.foobar.com. 3600 IN CNAME foobar.com.", "foobar.com. 3600 IN A 8.8.8.8"));
      for (String name : names) { // pipelined: all written before any answer is read
        byte[] q =
            Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)).toWire();
        out.writeShort(q.length);
        out.write(q);
      }
      out.flush();
      for (int i = 0; i < names.length; i++) {
        byte[] answer = new byte[in.readUnsignedShort()];
        in.readFully(answer);
        Message m = new Message(answer);
        assertThat(m.getQuestion().getName().toString()).isEqualTo(names[i]);
        assertThat(section(m, Section.ANSWER)).containsExactlyElementsOf(expected.get(i));
      }
    }
  }

  @Test
  void closesTcpConnectionsOverTheCapAtOnce() throws Exception {
    // Idle connections stay 30 s, far past the 10 s this test waits: only the cap of one
    // connection can explain the second one being closed.
    ServerLimits limits = new ServerLimits(1, 1, 1, Duration.ofSeconds(30));
    try (DnsServer small = new DnsServer(DnsConfig.serving(TestZones.directory()), limits)) {
      small.start();
      try (Socket first = new Socket(LOOPBACK, small.port());
          Socket second = new Socket(LOOPBACK, small.port())) {
        first.setSoTimeout(REPLY_MILLIS);
        second.setSoTimeout(REPLY_MILLIS);

        assertThat(second.getInputStream().read()).as("over the cap: closed").isEqualTo(-1);
        assertThat(small.stats().tcpRejected()).isEqualTo(1);
        Message answer = tcpExchange(first, query("foobar.com.", Type.A));
        assertThat(section(answer, Section.ANSWER))
            .as("the first connection keeps its slot")
            .containsExactly("foobar.com. 3600 IN A 8.8.8.8");
      }
    }
  }

  @Test
  void closesTcpConnectionsIdlePastTheTimeout() throws Exception {
    ServerLimits limits = new ServerLimits(1, 1, 8, Duration.ofMillis(300));
    try (DnsServer small = new DnsServer(DnsConfig.serving(TestZones.directory()), limits)) {
      small.start();
      try (Socket idle = new Socket(LOOPBACK, small.port())) {
        idle.setSoTimeout(REPLY_MILLIS); // a ceiling, many times the 300 ms idle timeout

        assertThat(idle.getInputStream().read()).as("idle past the timeout: closed").isEqualTo(-1);
      }
    }
  }

  /** One query and its answer over an open TCP connection. */
  private static Message tcpExchange(Socket socket, Message query) throws IOException {
    socket.getOutputStream().write(tcpFrame(query.toWire()));
    DataInputStream in = new DataInputStream(socket.getInputStream());
    byte[] answer = new byte[in.readUnsignedShort()];
    in.readFully(answer);
    return new Message(answer);
  }

  @Test
  void cutsOffAClientThatPipelinesQueriesAndNeverReadsTheAnswers() throws Exception {
    // One connection slot: while the stalled client holds it, nobody else gets TCP service.
    ServerLimits limits = new ServerLimits(1, 1, 1, Duration.ofSeconds(30));
    try (DnsServer small = new DnsServer(DnsConfig.serving(TestZones.directory()), limits)) {
      small.start();
      Message ask = Message.newQuery(Record.newRecord(Name.fromString("foobar.com."), Type.NS, 1));
      byte[] query = tcpFrame(ask.toWire());
      try (Socket stalled = new Socket()) {
        stalled.setReceiveBufferSize(4096); // before connect, so the window stays small
        stalled.connect(new InetSocketAddress(LOOPBACK, small.port()));
        Thread flood =
            new Thread(
                () -> {
                  try {
                    for (int i = 0; i < 400_000; i++) {
                      stalled.getOutputStream().write(query);
                    }
                  } catch (IOException expected) {
                    // the server hung up on us: the point of the test
                  }
                });
        flood.setDaemon(true);
        flood.start();

        // Refused at the cap while the stalled client holds the slot, then answered.
        Message answer =
            Await.result(
                "a TCP answer while the stalled client was connected",
                () -> tryTcpQuery(small.port(), query));
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(small.stats().tcpWriteTimeouts()).isEqualTo(1);
      }
    }
  }

  private static byte[] tcpFrame(byte[] wire) {
    byte[] frame = new byte[wire.length + 2];
    frame[0] = (byte) (wire.length >>> 8);
    frame[1] = (byte) wire.length;
    System.arraycopy(wire, 0, frame, 2, wire.length);
    return frame;
  }

  /** One framed query on a fresh connection; an IOException when the server closed it. */
  private static Message tryTcpQuery(int serverPort, byte[] frame) throws IOException {
    try (Socket s = new Socket(LOOPBACK, serverPort)) {
      s.setSoTimeout(REPLY_MILLIS); // a ceiling: a connection over the cap is closed at once
      s.getOutputStream().write(frame);
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] answer = new byte[in.readUnsignedShort()];
      in.readFully(answer);
      return new Message(answer);
    }
  }

  @Test
  void cutsOffAClientThatDribblesAMessage() throws Exception {
    // A message once begun must arrive within 500 ms. Idle connections stay 30 s here, far past
    // the 10 s this test waits: only the message deadline can explain the close.
    ServerLimits limits = new ServerLimits(1, 1, 8, Duration.ofSeconds(30));
    try (DnsServer patient = new DnsServer(DnsConfig.serving(TestZones.directory()), limits);
        Socket slow = new Socket()) {
      patient.start();
      slow.connect(new InetSocketAddress(LOOPBACK, patient.port()));
      slow.setSoTimeout(REPLY_MILLIS);
      slow.getOutputStream().write(new byte[] {0, 40, 1, 2, 3}); // 3 of 40 bytes, then nothing

      assertThat(slow.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void zoneSyntaxErrorStopsStartWithFileAndLine(@TempDir Path dir) throws IOException {
    Path zone =
        Files.writeString(
            dir.resolve("foobar.com.zone"),
            "$TTL 3600\n@ IN SOA ns1 hostmaster 1 2 3 4 5\n@ IN NS ns1\nns1 IN A not-an-ip\n");
    try (DnsServer bad = new DnsServer(DnsConfig.serving(dir))) {
      assertThatThrownBy(bad::start)
          .isInstanceOf(ZoneFileException.class)
          .hasMessageStartingWith(zone + " line 4: ");
      assertThat(bad.port()).isEqualTo(-1);
    }
  }

  @Test
  void bindFailureIsAnIoExceptionCausedByBindException() {
    try (DnsServer clash = new DnsServer(DnsConfig.serving(TestZones.directory()).withPort(port))) {
      assertThatThrownBy(clash::start)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasRootCauseInstanceOf(BindException.class);
    }
  }

  @Test
  void closeIsIdempotentAndEndsListening() throws IOException {
    DnsServer other = new DnsServer(DnsConfig.serving(TestZones.directory()));
    other.start();
    int otherPort = other.port();
    try (Socket connected = new Socket(LOOPBACK, otherPort)) {
      connected.setSoTimeout(REPLY_MILLIS);
      tcpExchange(connected, query("foobar.com.", Type.A)); // being served, not just queued

      other.close();
      other.close();

      assertThat(connected.getInputStream().read()).as("an open connection closed").isEqualTo(-1);
    }
    // close() joins them; none is left to hold the port (checked without binding it, which
    // another program may have done by now).
    assertThat(listenerThreads(otherPort)).isEmpty();
  }

  private static List<String> listenerThreads(int port) {
    java.util.regex.Pattern names =
        java.util.regex.Pattern.compile("dns-(udp|tcp-accept)-" + port + "(-.*)?");
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> names.matcher(name).matches())
        .toList();
  }

  @Test
  void digSeesAuthoritativeCnameAndAddress() throws Exception {
    boolean hasDig = new ProcessBuilder("sh", "-c", "command -v dig").start().waitFor() == 0;
    assumeTrue(hasDig, "dig is not installed (apt-get install dnsutils): skipping the dig check");
    Process p =
        new ProcessBuilder(
                "dig", "@127.0.0.1", "-p", Integer.toString(port), "www.foobar.com", "+time=2")
            .redirectErrorStream(true)
            .start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(out).containsPattern(";; flags: qr aa rd;");
    assertThat(out)
        .containsPattern("(?m)^www\\.foobar\\.com\\.\\s+3600\\s+IN\\s+CNAME\\s+foobar\\.com\\.$");
    assertThat(out).containsPattern("(?m)^foobar\\.com\\.\\s+3600\\s+IN\\s+A\\s+8\\.8\\.8\\.8$");
    assertThat(out).contains("status: NOERROR");
  }

  /** Sends raw bytes over UDP and returns the raw answer. */
  private static byte[] udp(byte[] query) throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(REPLY_MILLIS);
      s.send(new DatagramPacket(query, query.length, LOOPBACK, port));
      byte[] buf = new byte[65535];
      DatagramPacket answer = new DatagramPacket(buf, buf.length);
      s.receive(answer);
      return Arrays.copyOf(buf, answer.getLength());
    }
  }
}
