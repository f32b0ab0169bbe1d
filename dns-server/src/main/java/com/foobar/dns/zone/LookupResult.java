package com.foobar.dns.zone;

import java.util.List;
import org.xbill.DNS.RRset;

/**
 * What a zone says about one question: the sections of the answer, ready to be put on the wire.
 *
 * @param status how the lookup ended (after following any CNAME chain)
 * @param authoritative whether the AA bit belongs on the answer (not on a bare referral)
 * @param answer the answer section, CNAME chain first
 * @param authority the SOA of a negative answer, or the NS set of a referral
 * @param additional addresses of in-zone targets (MX, NS, SRV) and glue
 */
public record LookupResult(
    Status status,
    boolean authoritative,
    List<RRset> answer,
    List<RRset> authority,
    List<RRset> additional) {

  /** How a lookup ended. */
  public enum Status {
    /** Data found (possibly after a CNAME chain, possibly leaving the zone). */
    ANSWER,
    /** The name exists but has no data of the type: NOERROR with the SOA in authority. */
    NODATA,
    /** The name does not exist: NXDOMAIN with the SOA in authority. */
    NXDOMAIN,
    /** The name is at or below a zone cut: NS in authority, glue in additional. */
    REFERRAL,
    /** A DNAME would redirect the name beyond 255 octets (RFC 6672 2.2): YXDOMAIN. */
    YXDOMAIN
  }

  public LookupResult {
    answer = List.copyOf(answer);
    authority = List.copyOf(authority);
    additional = List.copyOf(additional);
  }
}
