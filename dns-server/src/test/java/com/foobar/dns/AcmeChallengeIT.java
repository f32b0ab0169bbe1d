package com.foobar.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.dns.acme.AcmeChallengeDirectory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * ACME DNS-01 answers: the TXT at {@code _acme-challenge.<name>} while published (two at once for a
 * name and its wildcard), gone once withdrawn, never in a transfer, refused for a name outside the
 * zones served; the zone's own records unchanged throughout. The same from the files the web tier
 * hands its answers over in, whatever process it runs in.
 */
class AcmeChallengeIT {
  private static final String EXAMPLE_ORG =
      String.join(
          "\n",
          "$ORIGIN example.org.",
          "$TTL 3600",
          "@ IN SOA ns1.example.org. hostmaster.example.org. 1 3600 600 86400 300",
          "@ IN NS ns1.example.org.",
          "ns1 IN A 192.0.2.53",
          "www IN CNAME example.org.",
          "@ IN A 192.0.2.1",
          "");

  @Test
  void answersTheChallengeTxtWhilePublished(@TempDir Path zones) throws Exception {
    Files.writeString(zones.resolve("example.org.zone"), EXAMPLE_ORG);
    try (DnsServer dns =
        DnsServer.withoutZoneWatcher(
            DnsConfig.serving(zones).withTransferAllow(List.of("127.0.0.1")))) {
      dns.start();
      int port = dns.port();
      assertThat(LoopbackDns.ask(port, "_acme-challenge.example.org.", Type.TXT).getRcode())
          .isEqualTo(Rcode.NXDOMAIN);

      dns.publishAcmeChallenge("example.org", "digest-of-the-name");
      dns.publishAcmeChallenge("*.example.org", "digest-of-the-wildcard");
      dns.publishAcmeChallenge("www.example.org", "digest-of-www");
      assertThat(txt(port, "_acme-challenge.example.org."))
          .containsExactlyInAnyOrder("digest-of-the-name", "digest-of-the-wildcard");
      assertThat(txt(port, "_acme-challenge.www.example.org.")).containsExactly("digest-of-www");
      assertThat(LoopbackDns.ask(port, "www.example.org.", Type.A).getSection(Section.ANSWER))
          .extracting(Record::rdataToString)
          .containsExactly("example.org.", "192.0.2.1"); // the zone's own answers as they were
      assertThat(transferredTxt(port)).isEmpty();

      dns.withdrawAcmeChallenge("*.example.org", "digest-of-the-wildcard");
      assertThat(txt(port, "_acme-challenge.example.org.")).containsExactly("digest-of-the-name");
      dns.withdrawAcmeChallenge("example.org", "digest-of-the-name");
      dns.withdrawAcmeChallenge("www.example.org", "digest-of-www");
      assertThat(LoopbackDns.ask(port, "_acme-challenge.example.org.", Type.TXT).getRcode())
          .isEqualTo(Rcode.NXDOMAIN);

      assertThatThrownBy(() -> dns.publishAcmeChallenge("www.example.net", "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("_acme-challenge.www.example.net. is in none of the zones");
    }
  }

  @Test
  void answersWhatTheWebTierLeavesInTheChallengeDirectory(@TempDir Path work) throws Exception {
    Path zones = Files.createDirectories(work.resolve("zones"));
    Files.writeString(zones.resolve("example.org.zone"), EXAMPLE_ORG);
    Path answers = work.resolve("acme/dns-01");
    String digest = "A".repeat(40) + "b-_";
    String other = "C".repeat(43);
    try (DnsServer dns = DnsServer.withoutZoneWatcher(DnsConfig.serving(zones))) {
      dns.start();
      int port = dns.port();
      Files.createDirectories(answers);
      // Left by a web tier before this DNS tier started: answered from the start.
      Files.writeString(answers.resolve(digest + ".txt"), "www.example.org\n");
      try (AcmeChallengeDirectory directory = new AcmeChallengeDirectory(answers, dns)) {
        directory.start();
        assertThat(txt(port, "_acme-challenge.www.example.org.")).containsExactly(digest);

        Files.writeString(answers.resolve(other + ".txt"), "example.org");
        // Not answers: a name outside the zones, a file that is not a digest, a name with a
        // space, a file of another kind; none is served, and they stop nothing.
        Files.writeString(answers.resolve("D".repeat(43) + ".txt"), "www.example.net");
        Files.writeString(answers.resolve("not-a-digest.txt"), "example.org");
        Files.writeString(answers.resolve("E".repeat(43) + ".txt"), "example.org; rm -rf /");
        Files.writeString(answers.resolve("notes.md"), "example.org");
        Await.until(
            "the second answer",
            () -> txt(port, "_acme-challenge.example.org.").equals(List.of(other)));
        assertThat(LoopbackDns.ask(port, "_acme-challenge.www.example.net.", Type.TXT).getRcode())
            .isEqualTo(Rcode.REFUSED);

        Files.delete(answers.resolve(digest + ".txt"));
        Await.until(
            "the withdrawal",
            () ->
                LoopbackDns.ask(port, "_acme-challenge.www.example.org.", Type.TXT).getRcode()
                    == Rcode.NXDOMAIN);
        assertThat(txt(port, "_acme-challenge.example.org.")).containsExactly(other);
        assertThat(LoopbackDns.ask(port, "www.example.org.", Type.A).getSection(Section.ANSWER))
            .extracting(Record::rdataToString)
            .containsExactly("example.org.", "192.0.2.1");
      }
    }
  }

  private static List<String> txt(int port, String name) throws IOException {
    List<String> values = new ArrayList<>();
    for (Record record : LoopbackDns.ask(port, name, Type.TXT).getSection(Section.ANSWER)) {
      values.addAll(((TXTRecord) record).getStrings());
    }
    return values;
  }

  private static List<Record> transferredTxt(int port) throws Exception {
    ZoneTransferIn axfr =
        ZoneTransferIn.newAXFR(
            Name.fromString("example.org."),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            null);
    axfr.run();
    return axfr.getAXFR().stream().filter(r -> r.getType() == Type.TXT).toList();
  }
}
