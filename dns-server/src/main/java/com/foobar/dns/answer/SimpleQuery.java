package com.foobar.dns.answer;

import java.util.Arrays;

/**
 * The shape of nearly every real query, read straight off the wire: one question with an
 * uncompressed name, nothing else but an optional option-less EDNS(0) OPT. Such a query's answer
 * depends only on its {@link #key()}, so it can be served from {@link AnswerCache}.
 */
final class SimpleQuery {
  private static final int HEADER = 12;
  private static final int OPT_LENGTH = 11; // root name, type, class, TTL, RDLENGTH 0

  private SimpleQuery() {}

  /**
   * The cache key of a simple query: the question with its name lower-cased, followed by the
   * transport's size limit and the DO bit; or null when the query is not simple.
   */
  static byte[] key(byte[] packet, int length, Transport transport) {
    if (length < HEADER + 5
        // QR=0, OPCODE=QUERY; AA and TC mean nothing in a query and never reach the answer.
        || (packet[2] & 0xF8) != 0
        || packet[4] != 0
        || packet[5] != 1 // QDCOUNT 1
        || (packet[6] | packet[7] | packet[8] | packet[9] | packet[10]) != 0
        || (packet[11] & 0xFE) != 0) { // ANCOUNT 0, NSCOUNT 0, ARCOUNT 0 or 1
      return null;
    }
    int at = HEADER;
    while (true) {
      if (at >= length) {
        return null;
      }
      int label = packet[at] & 0xFF;
      if (label == 0) {
        break;
      }
      if (label > 63) {
        return null;
      }
      at += label + 1;
    }
    int questionEnd = at + 5; // root label, QTYPE, QCLASS
    if (questionEnd - HEADER > 255 + 4 + 1) {
      return null;
    }
    int limit;
    int doBit = 0;
    if (packet[11] == 0) {
      if (length != questionEnd) {
        return null;
      }
      limit = transport == Transport.TCP ? ResponseSize.TCP : ResponseSize.PLAIN_UDP;
    } else {
      int opt = questionEnd;
      if (length != opt + OPT_LENGTH
          || packet[opt] != 0
          || packet[opt + 1] != 0
          || packet[opt + 2] != 41 // OPT
          || packet[opt + 6] != 0 // EDNS version 0 (else BADVERS)
          || packet[opt + 9] != 0
          || packet[opt + 10] != 0) { // no options
        return null;
      }
      int payload = ((packet[opt + 3] & 0xFF) << 8) | (packet[opt + 4] & 0xFF);
      limit =
          transport == Transport.TCP
              ? ResponseSize.TCP
              : Math.max(ResponseSize.PLAIN_UDP, Math.min(payload, ResponseSize.EDNS_PAYLOAD));
      doBit = (packet[opt + 7] & 0x80) != 0 ? 2 : 1; // 1: EDNS without DO, 2: with DO
    }
    byte[] key = Arrays.copyOfRange(packet, HEADER, questionEnd + 3);
    for (int i = 0; i < questionEnd - HEADER - 4; i++) {
      byte b = key[i];
      if (b >= 'A' && b <= 'Z') {
        key[i] = (byte) (b + 32);
      }
    }
    int tail = questionEnd - HEADER;
    key[tail] = (byte) (limit >>> 8);
    key[tail + 1] = (byte) limit;
    key[tail + 2] = (byte) doBit;
    return key;
  }

  /** The length of the question section of a query {@link #key} accepted. */
  static int questionLength(byte[] key) {
    return key.length - 3;
  }
}
