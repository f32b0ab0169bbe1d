package com.foobar.dns.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

class ZoneLookupTest {
  private static Zone zone;

  @BeforeAll
  static void load() {
    zone = new ZoneLoader().loadFile(TestZones.directory().resolve("foobar.com.zone"));
  }

  private static LookupResult lookup(String name, int type) {
    return zone.lookup(Name.fromConstantString(name), type);
  }

  private static List<String> strings(List<RRset> sets) {
    return sets.stream().flatMap(s -> s.rrs(false).stream()).map(ZoneLookupTest::text).toList();
  }

  static String text(Record r) {
    return String.join(
        " ",
        r.getName().toString(),
        Long.toString(r.getTTL()),
        "IN",
        Type.string(r.getType()),
        r.rdataToString());
  }

  @Test
  void answersApexAddress() {
    LookupResult r = lookup("foobar.com.", Type.A);
    assertThat(r.status()).isEqualTo(LookupResult.Status.ANSWER);
    assertThat(r.authoritative()).isTrue();
    assertThat(strings(r.answer())).containsExactly("foobar.com. 3600 IN A 8.8.8.8");
    assertThat(r.authority()).isEmpty();
  }

  @Test
  void answersCnameChainWithinZone() {
    LookupResult r = lookup("www.foobar.com.", Type.A);
    assertThat(r.status()).isEqualTo(LookupResult.Status.ANSWER);
    assertThat(strings(r.answer()))
        .containsExactly(
            "www.foobar.com. 3600 IN CNAME foobar.com.", "foobar.com. 3600 IN A 8.8.8.8");
  }

  @Test
  void followsMultiHopChains() {
    LookupResult r = lookup("chain1.foobar.com.", Type.A);
    assertThat(r.answer())
        .extracting(RRset::getName)
        .extracting(Name::toString)
        .containsExactly(
            "chain1.foobar.com.", "chain2.foobar.com.", "www.foobar.com.", "foobar.com.");
  }

  @Test
  void answersCnameQueryWithTheCnameOnly() {
    LookupResult r = lookup("www.foobar.com.", Type.CNAME);
    assertThat(strings(r.answer())).containsExactly("www.foobar.com. 3600 IN CNAME foobar.com.");
  }

  @Test
  void stopsOnCnameLoop() {
    LookupResult r = lookup("loop1.foobar.com.", Type.A);
    assertThat(r.status()).isEqualTo(LookupResult.Status.ANSWER);
    assertThat(r.answer()).hasSize(2);
  }

  @Test
  void leavesOutOfZoneCnameTargetToTheResolver() {
    LookupResult r = lookup("away.foobar.com.", Type.A);
    assertThat(r.status()).isEqualTo(LookupResult.Status.ANSWER);
    assertThat(strings(r.answer()))
        .containsExactly("away.foobar.com. 3600 IN CNAME www.example.net.");
  }

  @Test
  void danglingCnameIsNxdomainWithTheChain() {
    LookupResult r = lookup("dangling.foobar.com.", Type.A);
    assertThat(r.status()).isEqualTo(LookupResult.Status.NXDOMAIN);
    assertThat(r.answer()).hasSize(1);
    assertThat(r.authority().get(0).getType()).isEqualTo(Type.SOA);
  }

  @Test
  void missingTypeIsNodataWithNegativeSoa() {
    LookupResult r = lookup("foobar.com.", Type.AAAA);
    assertThat(r.status()).isEqualTo(LookupResult.Status.NODATA);
    assertThat(r.answer()).isEmpty();
    SOARecord soa = (SOARecord) r.authority().get(0).first();
    assertThat(soa.getTTL()).isEqualTo(300); // min(SOA TTL 3600, MINIMUM 300)
    assertThat(soa.getSerial()).isEqualTo(2026112201L);
  }

  @Test
  void missingNameIsNxdomainWithNegativeSoa() {
    LookupResult r = lookup("nope.foobar.com.", Type.A);
    assertThat(r.status()).isEqualTo(LookupResult.Status.NXDOMAIN);
    assertThat(r.authoritative()).isTrue();
    assertThat(r.authority()).hasSize(1);
    assertThat(r.authority().get(0).getTTL()).isEqualTo(300);
  }

  @Test
  void emptyNonTerminalIsNodataNotNxdomain() {
    assertThat(lookup("a.b.foobar.com.", Type.A).status()).isEqualTo(LookupResult.Status.NODATA);
    assertThat(lookup("b.foobar.com.", Type.A).status()).isEqualTo(LookupResult.Status.NODATA);
    assertThat(lookup("x.a.b.foobar.com.", Type.A).status()).isEqualTo(LookupResult.Status.ANSWER);
    assertThat(lookup("y.a.b.foobar.com.", Type.A).status())
        .isEqualTo(LookupResult.Status.NXDOMAIN);
  }

  @Test
  void mxAnswerCarriesInZoneTargetAddresses() {
    LookupResult r = lookup("foobar.com.", Type.MX);
    assertThat(strings(r.answer())).containsExactly("foobar.com. 3600 IN MX 10 mail.foobar.com.");
    assertThat(strings(r.additional()))
        .containsExactly(
            "mail.foobar.com. 3600 IN A 192.0.2.25",
            "mail.foobar.com. 3600 IN AAAA 2001:db8:0:0:0:0:0:25");
  }

  @Test
  void wildcardSynthesizesAtClosestEncloserOnly() {
    LookupResult r = lookup("anything.wild.foobar.com.", Type.TXT);
    assertThat(strings(r.answer()))
        .containsExactly("anything.wild.foobar.com. 3600 IN TXT \"wildcard\"");
    assertThat(lookup("anything.wild.foobar.com.", Type.A).status())
        .isEqualTo(LookupResult.Status.NODATA);
    // wild.foobar.com. itself exists (empty non-terminal): no wildcard match there.
    assertThat(lookup("wild.foobar.com.", Type.TXT).status()).isEqualTo(LookupResult.Status.NODATA);
  }

  @Test
  void delegationIsAReferralWithGlue() {
    LookupResult r = lookup("host.sub.foobar.com.", Type.A);
    assertThat(r.status()).isEqualTo(LookupResult.Status.REFERRAL);
    assertThat(r.authoritative()).isFalse();
    assertThat(strings(r.authority()))
        .containsExactly("sub.foobar.com. 3600 IN NS ns.sub.foobar.com.");
    assertThat(strings(r.additional())).containsExactly("ns.sub.foobar.com. 3600 IN A 192.0.2.53");
  }

  @Test
  void dsAtTheCutIsAnsweredFromTheParentSide() {
    LookupResult r = lookup("sub.foobar.com.", Type.DS);
    assertThat(r.status()).isEqualTo(LookupResult.Status.NODATA);
    assertThat(r.authoritative()).isTrue();
  }

  @Test
  void anyIsAnsweredWithOneRrset() {
    LookupResult r = lookup("foobar.com.", Type.ANY);
    assertThat(r.answer()).hasSize(1);
    assertThat(r.answer().get(0).getType()).isEqualTo(Type.A);
  }

  @Test
  void matchesNamesCaseInsensitively() {
    assertThat(lookup("NS1.FooBar.COM.", Type.A).status()).isEqualTo(LookupResult.Status.ANSWER);
  }

  @Test
  void zoneSetFindsTheZoneOrNothing() {
    ZoneSet zones = new ZoneSet(List.of(zone));
    assertThat(zones.find(Name.fromConstantString("deep.www.foobar.com."))).isSameAs(zone);
    assertThat(zones.find(Name.fromConstantString("foobar.com."))).isSameAs(zone);
    assertThat(zones.find(Name.fromConstantString("example.com."))).isNull();
    assertThat(zones.find(Name.fromConstantString("com."))).isNull();
    assertThat(zones.find(Name.root)).isNull();
  }
}
