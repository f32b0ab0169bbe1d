package com.foobar.dns.answer;

import org.xbill.DNS.OPTRecord;

/** The largest answer a client can take, by transport and EDNS (RFC 1035 4.2.1, RFC 6891 6.2.5). */
final class ResponseSize {
  /** Our UDP payload size: the DNS Flag Day 2020 value, small enough to avoid fragmentation. */
  static final int EDNS_PAYLOAD = 1232;

  static final int PLAIN_UDP = 512;
  static final int TCP = 65535;

  private ResponseSize() {}

  static int limit(Transport transport, OPTRecord queryOpt) {
    if (transport == Transport.TCP) {
      return TCP;
    }
    if (queryOpt == null) {
      return PLAIN_UDP;
    }
    // Values below 512 are treated as 512 (RFC 6891 6.2.5).
    return Math.max(PLAIN_UDP, Math.min(queryOpt.getPayloadSize(), EDNS_PAYLOAD));
  }
}
