package com.foobar.dns.secondary;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
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

/** What a secondary asks its primary, with dnsjava's own client: the zone's serial, the zone. */
final class PrimaryClient {
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(60);

  /**
   * @throws IOException when the primary does not answer, or not authoritatively with one SOA
   */
  long serial(InetSocketAddress primary, Name origin) throws IOException {
    SimpleResolver resolver = new SimpleResolver(primary);
    resolver.setTimeout(QUERY_TIMEOUT);
    Message answer = resolver.send(Message.newQuery(Record.newRecord(origin, Type.SOA, DClass.IN)));
    List<Record> records = answer.getSection(Section.ANSWER);
    if (answer.getRcode() != Rcode.NOERROR
        || !answer.getHeader().getFlag(Flags.AA)
        || records.size() != 1
        || !(records.get(0) instanceof SOARecord soa)) {
      throw new IOException(
          "no authoritative SOA for "
              + origin
              + " (rcode "
              + Rcode.string(answer.getRcode())
              + ", "
              + records.size()
              + " answers)");
    }
    return soa.getSerial();
  }

  /**
   * The whole zone by AXFR, as master-file text (the closing SOA dropped).
   *
   * @throws IOException when the transfer fails or is refused
   */
  String axfrAsZoneFile(InetSocketAddress primary, Name origin) throws IOException {
    ZoneTransferIn transfer = ZoneTransferIn.newAXFR(origin, primary, null);
    transfer.setTimeout(TRANSFER_TIMEOUT);
    try {
      transfer.run();
    } catch (ZoneTransferException e) {
      throw new IOException(e.getMessage(), e);
    }
    List<Record> records = transfer.getAXFR();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < records.size(); i++) {
      Record record = records.get(i);
      if (i > 0 && record.getType() == Type.SOA) {
        continue; // AXFR ends with the SOA it began with
      }
      text.append(record).append('\n');
    }
    return text.toString();
  }
}
