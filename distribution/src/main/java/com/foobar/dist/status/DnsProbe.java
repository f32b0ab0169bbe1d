package com.foobar.dist.status;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Asks the DNS tier for a zone's SOA over UDP, as a resolver would: the serial it serves. */
final class DnsProbe {
  private DnsProbe() {}

  /** What the server said: ok with the serial, or why not. */
  record Answer(boolean ok, String text) {}

  static Answer soa(InetSocketAddress server, Name zone) {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTimeout(Duration.ofSeconds(2));
    try {
      Message answer = resolver.send(Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN)));
      if (answer.getRcode() != Rcode.NOERROR) {
        return new Answer(false, zone + " SOA: " + Rcode.string(answer.getRcode()));
      }
      for (Record r : answer.getSection(Section.ANSWER)) {
        if (r instanceof SOARecord soa) {
          return new Answer(true, zone + " SOA serial " + soa.getSerial());
        }
      }
      return new Answer(false, zone + " SOA: empty answer");
    } catch (IOException e) {
      return new Answer(
          false,
          "no answer ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ")");
    }
  }
}
