package com.foobar.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class DnsReloadIT {
  @TempDir Path zones;

  private Path zoneFile() {
    return zones.resolve("foobar.com.zone");
  }

  private void writeZone(long serial, String extra) throws IOException {
    Files.writeString(zoneFile(), zoneText(serial, extra));
  }

  /**
   * Puts the new text in place in one step, as editors do (write a copy, rename it over the file):
   * the watcher can never read a half-written file whose serial grew but whose new record is
   * missing, and keep that version as served.
   */
  private void replaceZone(long serial, String extra) throws IOException {
    Path next = Files.writeString(zones.resolve("foobar.com.zone.next"), zoneText(serial, extra));
    Files.move(next, zoneFile(), StandardCopyOption.ATOMIC_MOVE);
  }

  private static String zoneText(long serial, String extra) {
    return "$ORIGIN foobar.com.\n$TTL 3600\n"
        + "@ IN SOA ns1.foobar.com. hostmaster.foobar.com. ( "
        + serial
        + " 7200 3600 1209600 300 )\n"
        + "@ IN NS ns1.foobar.com.\n@ IN A 8.8.8.8\nns1 IN A 8.8.8.8\nwww IN CNAME foobar.com.\n"
        + extra;
  }

  private static Message ask(DnsServer server, String name) throws IOException {
    SimpleResolver resolver =
        new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
    resolver.setTimeout(Await.REPLY);
    return resolver.send(
        Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
  }

  private static String address(Message response) {
    List<Record> answer = response.getSection(Section.ANSWER);
    return answer.isEmpty() ? Rcode.string(response.getRcode()) : answer.get(0).rdataToString();
  }

  /** For the tests of reload() itself: nothing but the test's own call reloads. */
  private DnsServer reloadedOnRequest() {
    return DnsServer.withoutZoneWatcher(DnsConfig.serving(zones));
  }

  @Test
  void swapsInAZoneWhoseSerialGrew() throws Exception {
    writeZone(2026112201L, "");
    try (DnsServer server = reloadedOnRequest()) {
      server.start();
      assertThat(address(ask(server, "shop.foobar.com."))).isEqualTo("NXDOMAIN");

      writeZone(2026112202L, "shop IN A 192.0.2.80\n");
      assertThat(server.reload()).isEqualTo("updated foobar.com. serial 2026112201 -> 2026112202");

      assertThat(address(ask(server, "shop.foobar.com."))).isEqualTo("192.0.2.80");
    }
  }

  @Test
  void keepsTheServedZoneWhenTheSerialDidNotGrow() throws Exception {
    writeZone(2026112205L, "");
    try (DnsServer server = reloadedOnRequest()) {
      server.start();

      writeZone(2026112205L, "shop IN A 192.0.2.80\n");
      assertThat(server.reload()).isEqualTo("kept foobar.com. (serial 2026112205 not raised)");
      assertThat(address(ask(server, "shop.foobar.com."))).isEqualTo("NXDOMAIN");

      writeZone(2026112204L, "shop IN A 192.0.2.81\n");
      assertThat(server.reload()).isEqualTo("kept foobar.com. (serial 2026112204 not raised)");
      assertThat(address(ask(server, "shop.foobar.com."))).isEqualTo("NXDOMAIN");
    }
  }

  @Test
  void keepsServingTheOldZonesWhenTheNewFileIsBroken() throws Exception {
    writeZone(2026112201L, "");
    try (DnsServer server = reloadedOnRequest()) {
      server.start();

      writeZone(2026112209L, "shop IN A 192.0.2.999\n");
      assertThat(server.reload())
          .isEqualTo(
              "reload refused, previous zones kept: "
                  + zoneFile()
                  + " line 8: Invalid address: 192.0.2.999");

      assertThat(address(ask(server, "foobar.com."))).isEqualTo("8.8.8.8");
    }
  }

  @Test
  void reloadsByItselfWhenAZoneFileIsEdited() throws Exception {
    writeZone(2026112201L, "");
    try (DnsServer server = new DnsServer(DnsConfig.serving(zones))) {
      server.start();

      replaceZone(2026112203L, "shop IN A 192.0.2.82\n");

      Await.until(
          "the edited zone served without a reload() call",
          () -> address(ask(server, "shop.foobar.com.")).equals("192.0.2.82"));
    }
  }
}
