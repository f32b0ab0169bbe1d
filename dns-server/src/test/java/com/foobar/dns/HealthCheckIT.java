package com.foobar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.dns.health.HealthChecks;
import com.sun.net.httpserver.HttpServer;
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
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Health-checked answers: www lists two web hosts (two loopback addresses, each with an HTTP server
 * of its own on the same port); the one that stops answering its GET is left out of answers after
 * {@code fall} checks, comes back after {@code rise}, both are answered when both fail, and a
 * transfer always has the whole list (a secondary cannot check).
 */
class HealthCheckIT {
  private static final String HOST_A = "127.0.0.2";
  private static final String HOST_B = "127.0.0.3";

  @Test
  void leavesOutAnAddressWhoseWebTierFailsButNeverAllOfThem(@TempDir Path zones) throws Exception {
    writeZone(zones);
    int httpPort = FreePort.udpAndTcp();
    HttpServer a = web(HOST_A, httpPort);
    HttpServer b = web(HOST_B, httpPort);
    HealthChecks checks = checks(httpPort);
    try (DnsServer dns =
        DnsServer.withoutZoneWatcher(
            DnsConfig.serving(zones)
                .withTransferAllow(List.of("127.0.0.1"))
                .withHealthChecks(checks))) {
      dns.start();
      int port = dns.port();
      assertThat(addresses(port)).containsExactlyInAnyOrder(HOST_A, HOST_B);
      assertThat(ttls(port)).containsOnly(5L);

      b.stop(0);
      Await.until("www without " + HOST_B, () -> addresses(port).equals(List.of(HOST_A)));
      assertThat(transferred(port)).containsExactlyInAnyOrder(HOST_A, HOST_B);

      a.stop(0);
      Await.until("both answered once both fail", () -> addresses(port).size() == 2);

      b = web(HOST_B, httpPort);
      Await.until("www with only " + HOST_B, () -> addresses(port).equals(List.of(HOST_B)));
    } finally {
      a.stop(0);
      b.stop(0);
    }
  }

  @Test
  void ourSecondaryGivenTheSameChecksLeavesOutTheFailedAddressToo(@TempDir Path work)
      throws Exception {
    Path zones = Files.createDirectories(work.resolve("primary"));
    writeZone(zones);
    int httpPort = FreePort.udpAndTcp();
    HttpServer a = web(HOST_A, httpPort);
    HttpServer b = web(HOST_B, httpPort);
    HealthChecks checks = checks(httpPort);
    // The primary checks nothing: what the secondary leaves out is its own checks' doing.
    try (DnsServer primary =
            DnsServer.withoutZoneWatcher(
                DnsConfig.serving(zones).withTransferAllow(List.of("127.0.0.1")));
        DnsServer secondary = startSecondary(work, primary, checks)) {
      int port = secondary.port();
      Await.until("the transferred zone", () -> addresses(port).size() == 2);
      assertThat(ttls(port)).containsOnly(5L);

      b.stop(0);
      Await.until("www without " + HOST_B, () -> addresses(port).equals(List.of(HOST_A)));
      assertThat(addresses(primary.port())).containsExactlyInAnyOrder(HOST_A, HOST_B);
    } finally {
      a.stop(0);
      b.stop(0);
    }
  }

  private static DnsServer startSecondary(Path work, DnsServer primary, HealthChecks checks)
      throws IOException {
    primary.start();
    DnsServer secondary =
        DnsServer.withoutZoneWatcher(
            DnsConfig.serving(Files.createDirectories(work.resolve("secondary")))
                .withSecondary(
                    List.of("example.org"),
                    List.of("127.0.0.1@" + primary.port()),
                    work.resolve("copies"))
                .withHealthChecks(checks));
    secondary.start();
    return secondary;
  }

  private static void writeZone(Path zones) throws IOException {
    Files.writeString(
        zones.resolve("example.org.zone"),
        String.join(
            "\n",
            "$ORIGIN example.org.",
            "$TTL 3600",
            "@ IN SOA ns1.example.org. hostmaster.example.org. 1 3600 600 86400 300",
            "@ IN NS ns1.example.org.",
            "ns1 IN A 192.0.2.53",
            "www IN A " + HOST_A,
            "www IN A " + HOST_B,
            ""));
  }

  /** www checked every 100 ms at each address's /health; out after 2 failures, in after 2. */
  private static HealthChecks checks(int httpPort) {
    return new HealthChecks(
        List.of("www.example.org"),
        "http://{address}:" + httpPort + "/health",
        Duration.ofMillis(100),
        2,
        2,
        5);
  }

  private static HttpServer web(String host, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext(
        "/health",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static List<String> addresses(int port) throws IOException {
    List<String> addresses = new ArrayList<>();
    for (Record record : answer(port).getSection(Section.ANSWER)) {
      addresses.add(record.rdataToString());
    }
    return addresses;
  }

  private static List<Long> ttls(int port) throws IOException {
    return answer(port).getSection(Section.ANSWER).stream().map(Record::getTTL).toList();
  }

  private static Message answer(int port) throws IOException {
    return LoopbackDns.ask(port, "www.example.org.", Type.A);
  }

  private static List<String> transferred(int port) throws Exception {
    ZoneTransferIn axfr =
        ZoneTransferIn.newAXFR(
            Name.fromString("example.org."),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            null);
    axfr.run();
    List<String> www = new ArrayList<>();
    for (Record record : axfr.getAXFR()) {
      if (record.getName().equals(Name.fromString("www.example.org."))) {
        www.add(record.rdataToString());
      }
    }
    return www;
  }
}
