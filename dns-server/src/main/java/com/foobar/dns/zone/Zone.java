package com.foobar.dns.zone;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * One loaded, validated zone and its lookup, written after RFC 1034 4.3.2 with RFC 4592 wildcards:
 * the descent from the apex stops at a zone cut (referral), names that exist only because a
 * descendant does (empty non-terminals) answer NODATA, a wildcard is tried only at the closest
 * encloser, a DNAME above the name redirects it (RFC 6672: the DNAME plus a CNAME synthesized from
 * it), CNAME chains are followed inside the zone at most {@value #MAX_CNAME_HOPS} hops and never
 * round a loop. Immutable after construction, so lookups need no locking.
 */
public final class Zone {
  static final int MAX_CNAME_HOPS = 16;
  private static final Name WILD = Name.fromConstantString("*");

  private final Name origin;
  private final SOARecord soa;
  private final RRset negativeSoa;
  private final Map<Name, Node> nodes;
  // Owner names plus all their ancestors up to the apex: a name in here but not in nodes is an
  // empty non-terminal, which exists (NODATA), unlike a name in neither (NXDOMAIN).
  private final Set<Name> existing;
  private final List<Record> records;

  private Zone(
      Name origin, SOARecord soa, Map<Name, Node> nodes, Set<Name> existing, List<Record> records) {
    this.origin = origin;
    this.soa = soa;
    // RFC 2308 section 5: the negative-caching TTL is the lesser of the SOA's TTL and MINIMUM.
    long negativeTtl = Math.min(soa.getTTL(), soa.getMinimum());
    this.negativeSoa =
        new RRset(
            new SOARecord(
                soa.getName(),
                soa.getDClass(),
                negativeTtl,
                soa.getHost(),
                soa.getAdmin(),
                soa.getSerial(),
                soa.getRefresh(),
                soa.getRetry(),
                soa.getExpire(),
                soa.getMinimum()));
    this.nodes = nodes;
    this.existing = existing;
    this.records = records;
  }

  /** Builds a zone from records already validated by {@link ZoneValidator}. */
  static Zone of(Name origin, SOARecord soa, List<Record> records) {
    Map<Name, Node> nodes = new HashMap<>();
    Set<Name> existing = new HashSet<>();
    existing.add(origin);
    int originLabels = origin.labels();
    for (Record r : records) {
      Name name = r.getName();
      nodes.computeIfAbsent(name, n -> new Node()).add(r);
      for (int strip = 0; name.labels() - strip > originLabels; strip++) {
        existing.add(strip == 0 ? name : new Name(name, strip));
      }
    }
    return new Zone(origin, soa, nodes, existing, List.copyOf(records));
  }

  /**
   * This zone as answers give it when some addresses are down: the A and AAAA records of {@code
   * names} without the ones in {@code down} (all of them when none would be left: better a dead
   * address than none), with {@code ttl}.
   */
  public Zone withHealth(Set<Name> names, Set<InetAddress> down, long ttl) {
    List<Record> kept = new ArrayList<>();
    Map<String, List<Record>> checked = new LinkedHashMap<>();
    for (Record r : records) {
      if (names.contains(r.getName()) && (r.getType() == Type.A || r.getType() == Type.AAAA)) {
        checked.computeIfAbsent(r.getName() + "/" + r.getType(), k -> new ArrayList<>()).add(r);
      } else {
        kept.add(r);
      }
    }
    for (List<Record> set : checked.values()) {
      List<Record> up = set.stream().filter(r -> !down.contains(addressOf(r))).toList();
      for (Record r : up.isEmpty() ? set : up) {
        kept.add(
            Record.newRecord(
                r.getName(), r.getType(), r.getDClass(), ttl, r.rdataToWireCanonical()));
      }
    }
    return of(origin, soa, kept);
  }

  /** This zone with {@code extra} records too (already checked to belong in it). */
  public Zone with(List<Record> extra) {
    List<Record> all = new ArrayList<>(records);
    all.addAll(extra);
    return of(origin, soa, all);
  }

  /** The addresses the A and AAAA records of {@code names} hold. */
  public Set<InetAddress> addressesOf(Set<Name> names) {
    Set<InetAddress> addresses = new LinkedHashSet<>();
    for (Record r : records) {
      if (names.contains(r.getName()) && (r.getType() == Type.A || r.getType() == Type.AAAA)) {
        addresses.add(addressOf(r));
      }
    }
    return addresses;
  }

  private static InetAddress addressOf(Record r) {
    return r instanceof ARecord a ? a.getAddress() : ((AAAARecord) r).getAddress();
  }

  /** The zone's apex name. */
  public Name origin() {
    return origin;
  }

  /** Every record of the zone as loaded, the SOA included: what a zone transfer sends. */
  public List<Record> records() {
    return records;
  }

  /** The zone's SOA record as loaded. */
  public SOARecord soa() {
    return soa;
  }

  /**
   * Answers one question for a name at or below {@link #origin()}.
   *
   * @param qname the queried name; wildcard answers carry it as their owner
   * @param qtype the queried type; {@link Type#ANY} gets one RRset (RFC 8482)
   */
  public LookupResult lookup(Name qname, int qtype) {
    List<RRset> answer = new ArrayList<>();
    Set<Name> visited = new HashSet<>();
    Name current = qname;
    for (int hop = 0; ; hop++) {
      visited.add(current);
      Match m = match(current, qtype);
      switch (m.kind) {
        case DATA:
          answer.add(m.rrset);
          return positive(answer);
        case NODATA:
          return negative(LookupResult.Status.NODATA, answer);
        case NXDOMAIN:
          return negative(LookupResult.Status.NXDOMAIN, answer);
        case REFERRAL:
          return referral(answer, m.rrset);
        case DNAME:
          answer.add(m.rrset);
          DNAMERecord dname = (DNAMERecord) m.rrset.first();
          Name redirected;
          try {
            redirected = current.fromDNAME(dname);
          } catch (NameTooLongException e) {
            // RFC 6672 2.2: the substituted name would exceed 255 octets.
            return new LookupResult(
                LookupResult.Status.YXDOMAIN, true, answer, List.of(), List.of());
          }
          // The synthesized CNAME has the DNAME's TTL (RFC 6672 3.1).
          answer.add(
              new RRset(new CNAMERecord(current, dname.getDClass(), dname.getTTL(), redirected)));
          if (!redirected.subdomain(origin)
              || visited.contains(redirected)
              || hop >= MAX_CNAME_HOPS) {
            return positive(answer);
          }
          current = redirected;
          break;
        case CNAME:
        default:
          answer.add(m.rrset);
          Name target = ((CNAMERecord) m.rrset.first()).getTarget();
          // Leave the chain where the resolver must continue it: outside this zone, on a loop,
          // or after too many hops.
          if (!target.subdomain(origin) || visited.contains(target) || hop >= MAX_CNAME_HOPS) {
            return positive(answer);
          }
          current = target;
      }
    }
  }

  private enum Kind {
    DATA,
    CNAME,
    DNAME,
    NODATA,
    NXDOMAIN,
    REFERRAL
  }

  private record Match(Kind kind, RRset rrset) {
    static final Match NODATA = new Match(Kind.NODATA, null);
    static final Match NXDOMAIN = new Match(Kind.NXDOMAIN, null);
  }

  /** One step of the lookup: what the zone holds for exactly this name, without chasing CNAMEs. */
  private Match match(Name name, int qtype) {
    int labels = name.labels();
    if (labels > origin.labels()) {
      Match apexRedirect = dnameAbove(nodes.get(origin));
      if (apexRedirect != null) {
        return apexRedirect;
      }
    }
    Name closestEncloser = origin;
    for (int i = origin.labels() + 1; i <= labels; i++) {
      Name ancestor = i == labels ? name : new Name(name, labels - i);
      if (!existing.contains(ancestor)) {
        return wildcardMatch(name, closestEncloser, qtype);
      }
      Node node = nodes.get(ancestor);
      RRset cut = node == null ? null : node.get(Type.NS);
      // A DS record lives on the parent side of the cut, so a DS query at the cut is ours.
      if (cut != null && !(i == labels && qtype == Type.DS)) {
        return new Match(Kind.REFERRAL, cut);
      }
      if (i < labels) {
        Match redirect = dnameAbove(node);
        if (redirect != null) {
          return redirect;
        }
      }
      closestEncloser = ancestor;
    }
    Node node = nodes.get(name);
    return node == null ? Match.NODATA : matchAt(node, qtype);
  }

  /** The DNAME of a strict ancestor of the queried name, which redirects the whole subtree. */
  private static Match dnameAbove(Node ancestor) {
    RRset dname = ancestor == null ? null : ancestor.get(Type.DNAME);
    return dname == null ? null : new Match(Kind.DNAME, dname);
  }

  private Match wildcardMatch(Name name, Name closestEncloser, int qtype) {
    Name wildcard;
    try {
      wildcard = Name.concatenate(WILD, closestEncloser);
    } catch (NameTooLongException e) {
      return Match.NXDOMAIN;
    }
    if (!existing.contains(wildcard)) {
      return Match.NXDOMAIN;
    }
    Node node = nodes.get(wildcard);
    if (node == null) {
      return Match.NODATA; // the wildcard is itself an empty non-terminal (RFC 4592 2.2.2)
    }
    Match m = matchAt(node, qtype);
    return m.rrset == null ? m : new Match(m.kind, synthesize(m.rrset, name));
  }

  private static Match matchAt(Node node, int qtype) {
    RRset cname = node.get(Type.CNAME);
    if (qtype == Type.ANY) {
      return new Match(Kind.DATA, cname != null ? cname : node.first());
    }
    RRset data = node.get(qtype);
    if (data != null) {
      return new Match(Kind.DATA, data);
    }
    if (cname != null) {
      return new Match(Kind.CNAME, cname);
    }
    return Match.NODATA;
  }

  private static RRset synthesize(RRset wildcardSet, Name owner) {
    RRset synthesized = new RRset();
    for (Record r : wildcardSet.rrs(false)) {
      synthesized.addRR(r.withName(owner));
    }
    return synthesized;
  }

  private LookupResult positive(List<RRset> answer) {
    return new LookupResult(
        LookupResult.Status.ANSWER, true, answer, List.of(), additionalFor(answer));
  }

  private LookupResult negative(LookupResult.Status status, List<RRset> answer) {
    return new LookupResult(status, true, answer, List.of(negativeSoa), List.of());
  }

  private LookupResult referral(List<RRset> answer, RRset cut) {
    // A referral reached through an in-zone CNAME still carries authoritative data (the CNAME).
    return new LookupResult(
        LookupResult.Status.REFERRAL,
        !answer.isEmpty(),
        answer,
        List.of(cut),
        additionalFor(List.of(cut)));
  }

  /** A and AAAA of in-zone names that MX, NS, SRV (and referral NS, as glue) point at. */
  private List<RRset> additionalFor(List<RRset> sets) {
    Set<RRset> additional = new LinkedHashSet<>();
    for (RRset set : sets) {
      int type = set.getType();
      if (type != Type.MX && type != Type.NS && type != Type.SRV) {
        continue;
      }
      for (Record r : set.rrs(false)) {
        Name target = r.getAdditionalName();
        if (target == null || !target.subdomain(origin)) {
          continue;
        }
        Node node = nodes.get(target);
        if (node == null) {
          continue;
        }
        RRset a = node.get(Type.A);
        RRset aaaa = node.get(Type.AAAA);
        if (a != null) {
          additional.add(a);
        }
        if (aaaa != null) {
          additional.add(aaaa);
        }
      }
    }
    return List.copyOf(additional);
  }
}
