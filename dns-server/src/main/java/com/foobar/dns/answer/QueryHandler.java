package com.foobar.dns.answer;

import com.foobar.dns.transfer.TransferAcl;
import com.foobar.dns.transfer.ZoneTransfer;
import com.foobar.dns.zone.LookupResult;
import com.foobar.dns.zone.Zone;
import com.foobar.dns.zone.ZoneSet;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one query packet into one answer packet, for UDP and TCP alike. Never throws: a packet it
 * cannot answer is either dropped ({@code null}) or answered with an error rcode, so a listener can
 * hand it anything. Thread-safe (zone sets are immutable; a reload swaps in a new one).
 */
public final class QueryHandler {
  private static final Logger log = LoggerFactory.getLogger(QueryHandler.class);

  private final Supplier<ZoneSet> zones;
  private final TransferAcl transferAcl;
  private final NotifyListener notifies;
  private volatile AnswerCache cache;
  // Kept here, not in the cache a reload replaces, so the metric only ever grows (a Prometheus
  // counter); striped, so the UDP threads do not contend for it.
  private final LongAdder cacheHits = new LongAdder();

  /**
   * @param zones the zones to answer from; names outside all of them are REFUSED
   */
  public QueryHandler(ZoneSet zones) {
    this(() -> zones, TransferAcl.none());
  }

  /**
   * @param zones the zones to answer from, read once per query so a reload swaps them in between
   *     two queries; names outside all of them are REFUSED
   * @param transferAcl who may have a zone by AXFR/IXFR over TCP; everyone else is REFUSED
   */
  public QueryHandler(Supplier<ZoneSet> zones, TransferAcl transferAcl) {
    this(zones, transferAcl, NotifyListener.NONE);
  }

  /**
   * @param notifies decides about each NOTIFY, by zone and sender
   */
  public QueryHandler(Supplier<ZoneSet> zones, TransferAcl transferAcl, NotifyListener notifies) {
    this.zones = zones;
    this.transferAcl = transferAcl;
    this.notifies = notifies;
  }

  /**
   * Answers one query that came over TCP from {@code client}: one message, or for a zone transfer
   * the whole zone in as many messages as it takes.
   *
   * @return the answer messages in order, or {@code null} when the packet must be dropped
   */
  public List<byte[]> handleTcp(byte[] packet, int length, InetAddress client) {
    int qtype = WireQuestion.type(packet, length);
    if (qtype == Type.AXFR || qtype == Type.IXFR) {
      List<byte[]> transfer = transfer(packet, length, client);
      if (transfer != null) {
        return transfer;
      }
    }
    byte[] answer = handle(packet, length, Transport.TCP, client);
    return answer == null ? null : List.of(answer);
  }

  /** The zone for an allowed transfer request, or null to let the ordinary path answer. */
  private List<byte[]> transfer(byte[] packet, int length, InetAddress client) {
    Message query;
    try {
      query = new Message(ByteBuffer.wrap(packet, 0, length));
    } catch (IOException | RuntimeException e) {
      return null;
    }
    Record question = query.getQuestion();
    if (!parsedWhole(query)
        || question == null
        || query.getHeader().getOpcode() != Opcode.QUERY
        || question.getDClass() != DClass.IN
        || !transferAcl.allows(client)) {
      return null; // the ordinary path answers FORMERR, REFUSED or NOTIMP
    }
    ZoneSet served = zones.get();
    Zone zone = served.find(question.getName());
    if (zone == null || !zone.origin().equals(question.getName())) {
      return null;
    }
    // The whole zone, even where health checks leave addresses out of answers: a secondary
    // cannot check, and serves the full list.
    return ZoneTransfer.messages(query, served.forTransfer(zone.origin()));
  }

  /**
   * Answers one query.
   *
   * @param packet the query as received; only the first {@code length} bytes are read
   * @param length the number of bytes received
   * @param transport decides the size limit (and truncation) of the answer
   * @return the answer's wire bytes, or {@code null} when the packet must be dropped unanswered
   *     (shorter than a header, or itself a response: answering those invites reflection loops)
   */
  public byte[] handle(byte[] packet, int length, Transport transport) {
    return handle(packet, length, transport, null);
  }

  /**
   * Answers one query from {@code client} (null: unknown, so a NOTIFY is refused).
   *
   * @see #handle(byte[], int, Transport)
   */
  public byte[] handle(byte[] packet, int length, Transport transport, InetAddress client) {
    if (length < Header.LENGTH || (packet[2] & 0x80) != 0) {
      return null;
    }
    ZoneSet served = zones.get(); // one zone set for the whole query, even across a reload
    byte[] key = SimpleQuery.key(packet, length, transport);
    if (key == null) {
      return compute(packet, length, transport, served, client);
    }
    AnswerCache current = cacheFor(served);
    byte[] cached = current.answer(key, packet);
    if (cached != null) {
      cacheHits.increment();
      return cached;
    }
    byte[] answer = compute(packet, length, transport, served, client);
    if (answer != null && (answer[3] & 0x0F) != Rcode.SERVFAIL) {
      current.remember(key, answer);
    }
    return answer;
  }

  /** The cache of the zone set being served; a reload swaps in a new, empty one. */
  private AnswerCache cacheFor(ZoneSet served) {
    AnswerCache current = cache;
    if (current == null || current.zones() != served) {
      current = new AnswerCache(served);
      cache = current;
    }
    return current;
  }

  /** Answers served from the answer cache instead of being computed, since start. */
  public long cacheHits() {
    return cacheHits.sum();
  }

  private byte[] compute(
      byte[] packet, int length, Transport transport, ZoneSet served, InetAddress client) {
    Message query;
    try {
      query = new Message(ByteBuffer.wrap(packet, 0, length));
    } catch (IOException | RuntimeException e) {
      log.debug("unparseable query: {}", e.toString());
      return headerOnlyFormErr(packet);
    }
    if (!parsedWhole(query)) {
      // dnsjava stops quietly at a broken record when the TC bit is set; the rest is garbage.
      return headerOnlyFormErr(packet);
    }
    try {
      return answer(query, transport, served, client);
    } catch (RuntimeException e) {
      // A bug on our side must cost one query, not the listener: SERVFAIL, no details on the wire.
      log.warn("failed to answer {}", query.getQuestion(), e);
      return reply(query, null, Rcode.SERVFAIL).toWire();
    }
  }

  private static boolean parsedWhole(Message query) {
    for (int section = Section.QUESTION; section <= Section.ADDITIONAL; section++) {
      if (query.getSection(section).size() != query.getHeader().getCount(section)) {
        return false;
      }
    }
    return true;
  }

  private byte[] answer(Message query, Transport transport, ZoneSet served, InetAddress client) {
    Header qh = query.getHeader();
    List<Record> queryAdditional = query.getSection(Section.ADDITIONAL);
    OPTRecord queryOpt = null;
    for (Record r : queryAdditional) {
      if (r.getType() == Type.OPT) {
        if (queryOpt != null || !r.getName().equals(Name.root)) {
          // RFC 6891 6.1.1: more than one OPT, or one not owned by the root, is a format error.
          return reply(query, null, Rcode.FORMERR).toWire();
        }
        queryOpt = (OPTRecord) r;
      }
    }
    if (qh.getOpcode() == Opcode.NOTIFY) {
      // RFC 1996: acted on only for a zone followed here, from one of its primaries (s3.10);
      // the answer echoes the question with AA (s3.7).
      Record question = query.getQuestion();
      if (qh.getCount(Section.QUESTION) == 1
          && question != null
          && client != null
          && notifies.notified(question.getName(), client)) {
        Message accepted = reply(query, queryOpt, Rcode.NOERROR);
        accepted.getHeader().setFlag(Flags.AA);
        return accepted.toWire();
      }
      return reply(query, queryOpt, Rcode.REFUSED).toWire();
    }
    if (qh.getOpcode() != Opcode.QUERY) {
      return reply(query, queryOpt, Rcode.NOTIMP).toWire();
    }
    if (queryOpt != null && queryOpt.getVersion() > 0) {
      return reply(query, queryOpt, Rcode.BADVERS).toWire();
    }
    if (qh.getCount(Section.QUESTION) != 1) {
      return reply(query, queryOpt, Rcode.FORMERR).toWire();
    }
    Record question = query.getQuestion();
    int qtype = question.getType();
    if (qtype == Type.OPT) {
      return reply(query, queryOpt, Rcode.FORMERR).toWire();
    }
    if (qtype == Type.TSIG || qtype == Type.TKEY || qtype == Type.MAILA || qtype == Type.MAILB) {
      return reply(query, queryOpt, Rcode.NOTIMP).toWire();
    }
    int qclass = question.getDClass();
    if ((qclass != DClass.IN && qclass != DClass.ANY)
        || qtype == Type.AXFR
        || qtype == Type.IXFR) { // transfers: TCP only, to TransferAcl members (handleTcp)
      return reply(query, queryOpt, Rcode.REFUSED).toWire();
    }
    // CLASS ANY gets the IN data but not AA: we are authoritative for IN only (as NSD does).
    boolean authoritative = qclass == DClass.IN;
    if (served.unavailable(question.getName())) {
      // A secondary zone with no current copy: served here, but nothing to answer with.
      return reply(query, queryOpt, Rcode.SERVFAIL).toWire();
    }
    Zone zone = served.find(question.getName());
    if (zone == null) {
      return reply(query, queryOpt, Rcode.REFUSED).toWire();
    }
    LookupResult result = zone.lookup(question.getName(), qtype);
    int rcode =
        switch (result.status()) {
          case NXDOMAIN -> Rcode.NXDOMAIN;
          case YXDOMAIN -> Rcode.YXDOMAIN;
          default -> Rcode.NOERROR;
        };
    Message response = reply(query, queryOpt, rcode);
    if (result.authoritative() && authoritative) {
      response.getHeader().setFlag(Flags.AA);
    }
    addAll(response, result.answer(), Section.ANSWER);
    boolean negative =
        result.status() == LookupResult.Status.NXDOMAIN
            || result.status() == LookupResult.Status.NODATA;
    if (authoritative || !negative) {
      // A negative answer's SOA is the authority for caching it: not given for CLASS ANY.
      addAll(response, result.authority(), Section.AUTHORITY);
    }
    addAll(response, result.additional(), Section.ADDITIONAL);
    byte[] wire = response.toWire();
    if (wire.length <= ResponseSize.limit(transport, queryOpt)) {
      return wire;
    }
    // Too big: send the question alone with TC so the client retries over TCP (RFC 2181 9).
    Message truncated = reply(query, queryOpt, rcode);
    truncated.getHeader().setFlag(Flags.TC);
    if (result.authoritative() && authoritative) {
      truncated.getHeader().setFlag(Flags.AA);
    }
    return truncated.toWire();
  }

  private static void addAll(Message response, List<RRset> sets, int section) {
    for (RRset set : sets) {
      for (Record r : set.rrs(false)) {
        response.addRecord(r, section);
      }
    }
  }

  /**
   * A response skeleton: the query's ID, opcode, RD and CD copied, QR set, RA never (we do not
   * recurse), the question echoed as the client wrote it (letter case included), and an OPT when
   * the query had one. The rcode is split between the header's 4 bits and the OPT's upper 8.
   */
  private static Message reply(Message query, OPTRecord queryOpt, int rcode) {
    Header qh = query.getHeader();
    Message response = new Message(qh.getID());
    Header h = response.getHeader();
    h.setFlag(Flags.QR);
    h.setOpcode(qh.getOpcode());
    if (qh.getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    }
    if (qh.getFlag(Flags.CD)) {
      h.setFlag(Flags.CD);
    }
    h.setRcode(rcode & 0xF);
    if (qh.getCount(Section.QUESTION) == 1 && query.getQuestion() != null) {
      response.addRecord(query.getQuestion(), Section.QUESTION);
    }
    if (queryOpt != null) {
      int flags = queryOpt.getFlags() & ExtendedFlags.DO;
      response.addRecord(
          new OPTRecord(ResponseSize.EDNS_PAYLOAD, rcode >>> 4, 0, flags), Section.ADDITIONAL);
    }
    return response;
  }

  /** FORMERR for a body we cannot parse: only the header is trustworthy, so only it is echoed. */
  private static byte[] headerOnlyFormErr(byte[] packet) {
    int id = ((packet[0] & 0xFF) << 8) | (packet[1] & 0xFF);
    Header h = new Header(id);
    h.setFlag(Flags.QR);
    h.setOpcode((packet[2] >> 3) & 0xF);
    if ((packet[2] & 0x01) != 0) {
      h.setFlag(Flags.RD);
    }
    h.setRcode(Rcode.FORMERR);
    return h.toWire();
  }
}
