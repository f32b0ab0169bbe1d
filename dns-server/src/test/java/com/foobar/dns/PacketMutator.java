package com.foobar.dns;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Makes hostile packets from valid queries: flipped bytes, cuts, huge counts, compression pointers
 * forwards, backwards and onto themselves, over-long labels, mangled OPT records, and plain noise.
 * Seeded, so a failure can be replayed.
 */
final class PacketMutator {
  private final Random random;
  private final List<byte[]> seeds;

  PacketMutator(long seed) throws Exception {
    random = new Random(seed);
    seeds =
        List.of(
            query("www.foobar.com.", Type.A, false),
            query("foobar.com.", Type.ANY, true),
            query("nope.foobar.com.", Type.AAAA, true),
            query("big.foobar.com.", Type.TXT, false),
            query("x.a.b.foobar.com.", Type.MX, true),
            query("example.org.", Type.A, false));
  }

  private static byte[] query(String name, int type, boolean edns) throws Exception {
    Message message = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    if (edns) {
      message.addRecord(new OPTRecord(1232, 0, 0, 0), org.xbill.DNS.Section.ADDITIONAL);
    }
    return message.toWire();
  }

  byte[] next() {
    byte[] packet = seeds.get(random.nextInt(seeds.size())).clone();
    switch (random.nextInt(9)) {
      case 0 -> flipBytes(packet, 1 + random.nextInt(4));
      case 1 -> packet = Arrays.copyOf(packet, random.nextInt(packet.length + 1));
      case 2 -> packet = appendNoise(packet, 1 + random.nextInt(64));
      case 3 -> hugeCount(packet);
      case 4 -> compressionPointer(packet, true);
      case 5 -> compressionPointer(packet, false);
      case 6 -> packet[12] = (byte) (64 + random.nextInt(192)); // label length > 63
      case 7 -> mangleTail(packet);
      default -> packet = noise(random.nextInt(600));
    }
    if (packet.length > 2) {
      packet[2] &= 0x7f; // keep QR clear, so most packets get past the "drop responses" check
    }
    return packet;
  }

  private void flipBytes(byte[] packet, int count) {
    for (int i = 0; i < count && packet.length > 0; i++) {
      packet[random.nextInt(packet.length)] ^= (byte) (1 << random.nextInt(8));
    }
  }

  private byte[] appendNoise(byte[] packet, int count) {
    byte[] longer = Arrays.copyOf(packet, packet.length + count);
    for (int i = packet.length; i < longer.length; i++) {
      longer[i] = (byte) random.nextInt(256);
    }
    return longer;
  }

  private void hugeCount(byte[] packet) {
    int field = 4 + 2 * random.nextInt(4); // QD, AN, NS or AR count
    packet[field] = (byte) 0xff;
    packet[field + 1] = (byte) (random.nextBoolean() ? 0xff : random.nextInt(256));
  }

  /** A pointer at the question name: to itself (a cycle) or forwards past the end. */
  private void compressionPointer(byte[] packet, boolean cycle) {
    int at = 12 + random.nextInt(Math.max(1, packet.length - 13));
    if (at + 1 >= packet.length) {
      return;
    }
    int target = cycle ? at : packet.length + random.nextInt(1000);
    packet[at] = (byte) (0xc0 | ((target >> 8) & 0x3f));
    packet[at + 1] = (byte) target;
  }

  private void mangleTail(byte[] packet) {
    int from = Math.max(12, packet.length - 11);
    for (int i = from; i < packet.length; i++) {
      if (random.nextInt(3) == 0) {
        packet[i] = (byte) random.nextInt(256);
      }
    }
  }

  private byte[] noise(int length) {
    byte[] packet = new byte[length];
    random.nextBytes(packet);
    return packet;
  }
}
