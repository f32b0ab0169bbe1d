package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real NSD and a real Knot as secondaries of the package's DNS tier, each configured from the
 * example the package ships (conf/examples/), with only its addresses and paths made local: each
 * "host" is an address of its own on the loopback network (the primary 127.0.0.1, NSD 127.0.0.2,
 * Knot 127.0.0.3). Both transfer the zone; a change on the primary and {@code foobar dns reload}
 * send NOTIFY, and both serve the new serial and data within seconds (their SOA refresh is two
 * hours: only the NOTIFY brings it).
 */
@ResourceLock(PackageLock.NAME)
class SecondariesIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Path LOGS = Path.of("target/e2e");
  private static final Path NSD = Path.of("/usr/sbin/nsd");
  private static final Path KNOTD = Path.of("/usr/sbin/knotd");
  private static final String PRIMARY = "127.0.0.1";
  private static final String NSD_HOST = "127.0.0.2";
  private static final String KNOT_HOST = "127.0.0.3";
  private static final Duration WITHIN = Duration.ofSeconds(30);

  @Test
  void nsdAndKnotTransferTheZoneAndFollowEachChangeByNotify() throws Exception {
    // Under target/, not a temporary directory: the secondaries' logs are there after a failure.
    Path work =
        Files.createTempDirectory(Files.createDirectories(LOGS), "secondaries-").toAbsolutePath();
    int primaryPort = FreePorts.next();
    int nsdPort = FreePorts.next();
    int knotPort = FreePorts.next();
    Path zones = Files.createDirectories(work.resolve("zones"));
    Path zone = zones.resolve("foobar.com.zone");
    Files.copy(DIST.resolve("conf/zones/foobar.com.zone"), zone);

    try (StackProcess primary =
        StackProcess.start(
            DIST,
            LOGS,
            List.of(
                "run",
                "--tier",
                "dns",
                "--set",
                "dns.bind=" + PRIMARY,
                "--set",
                "dns.port=" + primaryPort,
                "--set",
                "dns.zones=" + zones,
                "--set",
                "dns.metrics=",
                "--set",
                "dns.transfer.allow=" + NSD_HOST + "," + KNOT_HOST,
                "--set",
                "dns.notify=" + NSD_HOST + "@" + nsdPort + "," + KNOT_HOST + "@" + knotPort))) {
      // The primary first: a secondary that finds it down backs off for many seconds.
      primary.awaitLine("dns up in", Duration.ofSeconds(120));
      try (Secondary nsd =
              Secondary.start(nsd(work, nsdPort, primaryPort), work.resolve("nsd.out"));
          Secondary knot =
              Secondary.start(knot(work, knotPort, primaryPort), work.resolve("knot.out"))) {
        followsTheZone(primaryPort, nsdPort, knotPort, zone);
      }
      primary.stop(Duration.ofSeconds(60));
    }
  }

  private static void followsTheZone(int primaryPort, int nsdPort, int knotPort, Path zone)
      throws Exception {
    long serial = serial(PRIMARY, primaryPort);
    Await.until("NSD has the zone", WITHIN, () -> serialOrZero(NSD_HOST, nsdPort) == serial);
    Await.until("Knot has the zone", WITHIN, () -> serialOrZero(KNOT_HOST, knotPort) == serial);
    assertThat(addresses(NSD_HOST, nsdPort, "www.foobar.com.")).containsExactly("8.8.8.8");
    assertThat(addresses(KNOT_HOST, knotPort, "www.foobar.com.")).containsExactly("8.8.8.8");

    String text = Files.readString(zone);
    assertThat(text).contains(Long.toString(serial));
    Files.writeString(
        zone,
        text.replace(Long.toString(serial), Long.toString(serial + 1))
            + "secondary-check IN A 192.0.2.99\n");
    FoobarCommand reload = FoobarCommand.run(DIST, WITHIN, List.of("dns", "reload"));
    assertThat(reload.exitCode()).as(reload.output()).isZero();

    Await.until("NSD follows", WITHIN, () -> serialOrZero(NSD_HOST, nsdPort) == serial + 1);
    Await.until("Knot follows", WITHIN, () -> serialOrZero(KNOT_HOST, knotPort) == serial + 1);
    assertThat(addresses(NSD_HOST, nsdPort, "secondary-check.foobar.com."))
        .containsExactly("192.0.2.99");
    assertThat(addresses(KNOT_HOST, knotPort, "secondary-check.foobar.com."))
        .containsExactly("192.0.2.99");
  }

  /** The shipped NSD example on this host's address and port, its files under {@code work}. */
  private static ProcessBuilder nsd(Path work, int port, int primaryPort) throws Exception {
    Path dir = Files.createDirectories(work.resolve("nsd"));
    String conf =
        ExampleConfig.of(DIST.resolve("conf/examples/nsd-secondary.conf"))
            .replace(
                Map.of(
                    "ip-address: 192.0.2.53", "ip-address: " + NSD_HOST,
                    "port: 53", "port: " + port,
                    "zonesdir: \"/var/lib/nsd\"", "zonesdir: \"" + dir + "\"",
                    "allow-notify: 192.0.2.10 NOKEY", "allow-notify: " + PRIMARY + " NOKEY",
                    "request-xfr: AXFR 192.0.2.10@53 NOKEY",
                        "request-xfr: AXFR " + PRIMARY + "@" + primaryPort + " NOKEY"))
            // What Debian's package sets up elsewhere (its user, /run, syslog): here, the test's.
            .after(
                "server:",
                "  username: \"\"",
                "  chroot: \"\"",
                "  database: \"\"",
                "  pidfile: \"" + dir.resolve("nsd.pid") + "\"",
                "  xfrdfile: \"" + dir.resolve("xfrd.state") + "\"",
                "  zonelistfile: \"" + dir.resolve("zone.list") + "\"",
                "  logfile: \"" + dir.resolve("nsd.log") + "\"")
            // A host of its own transfers from its own address (the primary allows only it).
            .after("zone:", "  outgoing-interface: " + NSD_HOST)
            .append("remote-control:", "  control-enable: no")
            .text();
    Path file = dir.resolve("nsd.conf");
    Files.writeString(file, conf);
    return new ProcessBuilder(NSD.toString(), "-d", "-c", file.toString());
  }

  /** The shipped Knot example on this host's address and port, its files under {@code work}. */
  private static ProcessBuilder knot(Path work, int port, int primaryPort) throws Exception {
    Path dir = Files.createDirectories(work.resolve("knot"));
    String conf =
        ExampleConfig.of(DIST.resolve("conf/examples/knot-secondary.conf"))
            .replace(
                Map.of(
                    "listen: 192.0.2.54@53", "listen: " + KNOT_HOST + "@" + port,
                    "rundir: \"/run/knot\"", "rundir: \"" + dir + "\"",
                    "storage: \"/var/lib/knot\"", "storage: \"" + dir + "\"",
                    "address: 192.0.2.10@53", "address: " + PRIMARY + "@" + primaryPort,
                    "address: 192.0.2.10\n", "address: " + PRIMARY + "\n"))
            // A host of its own transfers from its own address (the primary allows only it).
            .after("    address: " + PRIMARY + "@" + primaryPort, "    via: " + KNOT_HOST)
            .text();
    Path file = dir.resolve("knot.conf");
    Files.writeString(file, conf);
    return new ProcessBuilder(KNOTD.toString(), "-c", file.toString());
  }

  private static long serial(String host, int port) throws Exception {
    Message answer = ask(host, port, "foobar.com.", Type.SOA);
    List<Record> records = answer.getSection(Section.ANSWER);
    assertThat(records).hasSize(1);
    return ((SOARecord) records.get(0)).getSerial();
  }

  /** 0 while the server does not answer with the zone (not started, not transferred yet). */
  private static long serialOrZero(String host, int port) {
    try {
      return serial(host, port);
    } catch (Exception | AssertionError notYet) {
      return 0;
    }
  }

  private static List<String> addresses(String host, int port, String name) throws Exception {
    List<String> addresses = new ArrayList<>();
    for (Record record : ask(host, port, name, Type.A).getSection(Section.ANSWER)) {
      if (record.getType() == Type.A) {
        addresses.add(record.rdataToString());
      }
    }
    return addresses;
  }

  private static Message ask(String host, int port, String name, int type) throws Exception {
    SimpleResolver resolver =
        new SimpleResolver(new InetSocketAddress(InetAddress.getByName(host), port));
    resolver.setTimeout(Duration.ofSeconds(1));
    return resolver.send(
        Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  /** A secondary's process, its output in a file; stopped (and waited for) on close. */
  private record Secondary(Process process, Path output) implements AutoCloseable {
    static Secondary start(ProcessBuilder builder, Path output) throws Exception {
      Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
      return new Secondary(process, output);
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
