package com.foobar.dns.answer;

import com.foobar.dns.zone.ZoneSet;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finished answers to simple queries, per zone set: a hit costs a map lookup and one array copy
 * with the ID, the RD/CD bits and the client's spelling of the name patched in, instead of parsing
 * the query and building the answer with dnsjava. A reload brings a new zone set and so an empty
 * cache. Bounded: once full, new answers are computed but not kept.
 */
final class AnswerCache {
  private static final int MAX_ENTRIES = 20_000;

  private final ZoneSet zones;
  private final ConcurrentHashMap<ByteBuffer, byte[]> answers = new ConcurrentHashMap<>();

  AnswerCache(ZoneSet zones) {
    this.zones = zones;
  }

  ZoneSet zones() {
    return zones;
  }

  /** The answer to {@code packet}, whose simple-query key is {@code key}, or null. */
  byte[] answer(byte[] key, byte[] packet) {
    byte[] template = answers.get(ByteBuffer.wrap(key));
    if (template == null) {
      return null;
    }
    byte[] answer = template.clone();
    answer[0] = packet[0];
    answer[1] = packet[1];
    answer[2] = (byte) ((answer[2] & ~0x01) | (packet[2] & 0x01)); // RD
    answer[3] = (byte) ((answer[3] & ~0x10) | (packet[3] & 0x10)); // CD
    // The question as the client spelled it (RFC 1034 letter case); same length by the key.
    System.arraycopy(packet, 12, answer, 12, SimpleQuery.questionLength(key));
    return answer;
  }

  void remember(byte[] key, byte[] answer) {
    if (answers.size() < MAX_ENTRIES) {
      answers.putIfAbsent(ByteBuffer.wrap(key), answer);
    }
  }
}
