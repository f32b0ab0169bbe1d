package com.foobar.dns.answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.dns.zone.TestZones;
import com.foobar.dns.zone.ZoneLoader;
import com.foobar.dns.zone.ZoneSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A cached answer is byte for byte the answer the full path computes for the same query. */
class AnswerCacheTest {
  private static final ZoneSet ZONES = new ZoneLoader().loadDirectory(TestZones.directory());

  private static byte[] query(int id, String name, int type, boolean rd, boolean cd, int edns) {
    try {
      Message message = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
      message.getHeader().setID(id);
      if (!rd) {
        message.getHeader().unsetFlag(Flags.RD);
      }
      if (cd) {
        message.getHeader().setFlag(Flags.CD);
      }
      if (edns > 0) {
        int flags = edns == 2 ? ExtendedFlags.DO : 0;
        message.addRecord(new OPTRecord(1232, 0, 0, flags), Section.ADDITIONAL);
      }
      return message.toWire();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void servesCachedAnswersIdenticalToFreshOnes() {
    QueryHandler warm = new QueryHandler(ZONES);
    List<String> names =
        List.of(
            "www.foobar.com.",
            "WWW.FooBar.com.",
            "nope.foobar.com.",
            "big.foobar.com.",
            "example.org.",
            "a.b.foobar.com.",
            "x.wild.foobar.com.");
    int id = 1;
    for (String name : names) {
      for (int type : new int[] {Type.A, Type.TXT, Type.AAAA}) {
        for (int edns = 0; edns <= 2; edns++) {
          for (Transport transport : Transport.values()) {
            // First with RD and CD clear, which fills the cache; then variants that must hit it.
            byte[] first = query(id++, name.toLowerCase(), type, false, false, edns);
            warm.handle(first, first.length, transport);
            byte[] variant = query(id++, name, type, true, true, edns);
            QueryHandler cold = new QueryHandler(ZONES);
            long hitsBefore = warm.cacheHits();

            byte[] cached = warm.handle(variant, variant.length, transport);

            String what =
                String.format("%s %s edns=%d %s", name, Type.string(type), edns, transport);
            assertThat(warm.cacheHits())
                .as("served from the cache: %s", what)
                .isEqualTo(hitsBefore + 1);
            assertThat(cached).as(what).isEqualTo(cold.handle(variant, variant.length, transport));
            assertThat(cold.cacheHits()).as("computed: %s", what).isZero();
          }
        }
      }
    }
  }
}
