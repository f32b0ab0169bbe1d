package com.foobar.dns.transfer;

import com.foobar.dns.zone.Zone;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * An AXFR answer (RFC 5936): the SOA, every other record, the SOA again, spread over as many TCP
 * messages as it takes. IXFR gets the same full answer, which RFC 1995 section 4 allows when no
 * history is kept.
 */
public final class ZoneTransfer {
  /** Well under the 64 KiB TCP message limit, so records of any size fit after compression. */
  private static final int MESSAGE_BUDGET = 16 * 1024;

  private ZoneTransfer() {}

  public static List<byte[]> messages(Message query, Zone zone) {
    List<Record> stream = new ArrayList<>();
    stream.add(zone.soa());
    for (Record record : zone.records()) {
      if (record.getType() != Type.SOA) {
        stream.add(record);
      }
    }
    stream.add(zone.soa());

    List<byte[]> messages = new ArrayList<>();
    Message current = message(query, true);
    int size = 0;
    for (Record record : stream) {
      int recordSize = record.toWire(Section.ANSWER).length;
      if (size > 0 && size + recordSize > MESSAGE_BUDGET) {
        messages.add(current.toWire());
        current = message(query, false);
        size = 0;
      }
      current.addRecord(record, Section.ANSWER);
      size += recordSize;
    }
    messages.add(current.toWire());
    return messages;
  }

  private static Message message(Message query, boolean withQuestion) {
    Message message = new Message(query.getHeader().getID());
    Header header = message.getHeader();
    header.setFlag(Flags.QR);
    header.setFlag(Flags.AA);
    header.setOpcode(query.getHeader().getOpcode());
    if (withQuestion) {
      message.addRecord(query.getQuestion(), Section.QUESTION);
    }
    return message;
  }
}
