package com.foobar.dns.zone;

import java.util.Map;
import java.util.TreeMap;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;

/** The RRsets owned by one name, by type. Built once at load time, read-only afterwards. */
final class Node {
  // Sorted by type so that "the first RRset" (RFC 8482 minimal ANY) is the same on every run.
  private final TreeMap<Integer, RRset> sets = new TreeMap<>();

  void add(Record record) {
    sets.computeIfAbsent(record.getRRsetType(), t -> new RRset()).addRR(record);
  }

  RRset get(int type) {
    return sets.get(type);
  }

  /** The lowest-numbered RRset: what an ANY query gets (RFC 8482 lets us answer with one). */
  RRset first() {
    Map.Entry<Integer, RRset> e = sets.firstEntry();
    return e == null ? null : e.getValue();
  }
}
