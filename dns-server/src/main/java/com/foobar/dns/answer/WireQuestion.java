package com.foobar.dns.answer;

/**
 * Reads the question type straight off the wire, without parsing the message, so the TCP path can
 * spot a zone-transfer request at no cost to ordinary queries.
 */
public final class WireQuestion {
  private static final int HEADER = 12;

  private WireQuestion() {}

  /** The QTYPE of a one-question query, or -1 when the packet is not that simple. */
  public static int type(byte[] packet, int length) {
    if (length < HEADER + 5 || (packet[2] & 0x80) != 0 || packet[4] != 0 || packet[5] != 1) {
      return -1;
    }
    int at = HEADER;
    while (at < length) {
      int label = packet[at] & 0xff;
      if (label == 0) {
        at++;
        return at + 2 <= length ? ((packet[at] & 0xff) << 8) | (packet[at + 1] & 0xff) : -1;
      }
      if (label > 63) {
        return -1; // a compression pointer or junk: the full parser decides
      }
      at += label + 1;
    }
    return -1;
  }
}
