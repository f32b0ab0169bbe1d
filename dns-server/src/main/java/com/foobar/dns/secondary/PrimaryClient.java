package com.foobar.dns.secondary;

import com.foobar.dns.zone.Zone;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * What a secondary asks its primary, with dnsjava's own client: the zone's serial, the zone (by
 * IXFR where the primary offers it, else AXFR).
 */
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

  /** An I/O failure in words: a refused UDP query (PortUnreachableException) carries no message. */
  static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** A zone transferred: as master-file text, and how it came (IXFR or AXFR). */
  record Transfer(String zoneFile, String how) {}

  /**
   * The zone as the primary has it now: by IXFR from {@code current} (RFC 1995: only the changes,
   * applied here to the current records), or by AXFR when there is no current copy or the primary
   * answers an IXFR with the whole zone (NSD, and any server without the history).
   *
   * @return the zone, or null when the primary says {@code current} is up to date
   * @throws IOException when the transfer fails or is refused
   */
  Transfer transfer(InetSocketAddress primary, Name origin, Zone current) throws IOException {
    ZoneTransferIn transfer =
        current == null
            ? ZoneTransferIn.newAXFR(origin, primary, null)
            : ZoneTransferIn.newIXFR(origin, current.soa().getSerial(), true, primary, null);
    transfer.setTimeout(TRANSFER_TIMEOUT);
    try {
      transfer.run();
    } catch (ZoneTransferException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (transfer.isCurrent()) {
      return null;
    }
    if (transfer.isAXFR()) {
      List<Record> records = new ArrayList<>();
      for (Record record : transfer.getAXFR()) {
        if (!records.isEmpty() && record.getType() == Type.SOA) {
          continue; // AXFR ends with the SOA it began with
        }
        records.add(record);
      }
      return new Transfer(asZoneFile(records), "AXFR");
    }
    List<Record> records = new ArrayList<>(current.records());
    for (ZoneTransferIn.Delta delta : transfer.getIXFR()) {
      records.removeAll(delta.deletes); // Record.equals: same name, type, class and data
      records.addAll(delta.adds);
    }
    return new Transfer(asZoneFile(records), "IXFR");
  }

  /** SOA first, as a zone file starts; the loader checks the rest. */
  private static String asZoneFile(List<Record> records) {
    StringBuilder text = new StringBuilder();
    records.stream().filter(r -> r.getType() == Type.SOA).forEach(r -> text.append(r).append('\n'));
    records.stream().filter(r -> r.getType() != Type.SOA).forEach(r -> text.append(r).append('\n'));
    return text.toString();
  }
}
