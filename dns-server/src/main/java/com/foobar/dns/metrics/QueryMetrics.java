package com.foobar.dns.metrics;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Query counts by transport, query type and rcode, and answer latency, in fixed arrays of
 * LongAdders: recording a query takes no lock, no allocation and no map lookup, so it can sit on
 * the hot path. Rendered in the Prometheus text format.
 */
public final class QueryMetrics {
  private static final String[] TRANSPORTS = {"udp", "tcp"};

  /** The types worth a series of their own; the rest are counted as OTHER. */
  private static final List<String> TYPES =
      List.of(
          "A", "AAAA", "CNAME", "MX", "NS", "SOA", "TXT", "SRV", "PTR", "CAA", "ANY", "AXFR",
          "IXFR", "OTHER");

  private static final int[] TYPE_CODES = {1, 28, 5, 15, 2, 6, 16, 33, 12, 257, 255, 252, 251};
  private static final String[] RCODES = {
    "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "OTHER"
  };

  /** Latency bucket bounds in nanoseconds: 2 µs to 10 ms. */
  private static final long[] BUCKETS = {
    2_000, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 1_000_000, 10_000_000
  };

  private final LongAdder[] queries = adders(TRANSPORTS.length * TYPES.size() * RCODES.length);
  private final LongAdder[] buckets = adders(TRANSPORTS.length * (BUCKETS.length + 1));
  private final LongAdder[] nanos = adders(TRANSPORTS.length);

  private static LongAdder[] adders(int count) {
    LongAdder[] adders = new LongAdder[count];
    for (int i = 0; i < count; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }

  /**
   * Counts one answered query.
   *
   * @param tcp whether it came over TCP
   * @param qtype the question type
   * @param rcode the header rcode of the answer
   * @param elapsedNanos from the packet in hand to the answer ready
   */
  public void record(boolean tcp, int qtype, int rcode, long elapsedNanos) {
    int transport = tcp ? 1 : 0;
    int type = TYPE_CODES.length;
    for (int i = 0; i < TYPE_CODES.length; i++) {
      if (TYPE_CODES[i] == qtype) {
        type = i;
        break;
      }
    }
    int code = rcode >= 0 && rcode <= 5 ? rcode : RCODES.length - 1;
    queries[(transport * TYPES.size() + type) * RCODES.length + code].increment();
    int bucket = 0;
    while (bucket < BUCKETS.length && elapsedNanos > BUCKETS[bucket]) {
      bucket++;
    }
    buckets[transport * (BUCKETS.length + 1) + bucket].increment();
    nanos[transport].add(elapsedNanos);
  }

  /** Appends the metrics in the Prometheus text exposition format (version 0.0.4). */
  public void render(StringBuilder out) {
    out.append(
        "# HELP foobar_dns_queries_total DNS queries answered, by transport, type, rcode.\n");
    out.append("# TYPE foobar_dns_queries_total counter\n");
    for (int t = 0; t < TRANSPORTS.length; t++) {
      for (int type = 0; type < TYPES.size(); type++) {
        for (int code = 0; code < RCODES.length; code++) {
          long count = queries[(t * TYPES.size() + type) * RCODES.length + code].sum();
          if (count > 0) {
            out.append("foobar_dns_queries_total{transport=\"")
                .append(TRANSPORTS[t])
                .append("\",qtype=\"")
                .append(TYPES.get(type))
                .append("\",rcode=\"")
                .append(RCODES[code])
                .append("\"} ")
                .append(count)
                .append('\n');
          }
        }
      }
    }
    out.append("# HELP foobar_dns_query_duration_seconds From query received to answer ready.\n");
    out.append("# TYPE foobar_dns_query_duration_seconds histogram\n");
    for (int t = 0; t < TRANSPORTS.length; t++) {
      long cumulative = 0;
      for (int b = 0; b <= BUCKETS.length; b++) {
        cumulative += buckets[t * (BUCKETS.length + 1) + b].sum();
        String le = b < BUCKETS.length ? Double.toString(BUCKETS[b] / 1e9) : "+Inf";
        out.append("foobar_dns_query_duration_seconds_bucket{transport=\"")
            .append(TRANSPORTS[t])
            .append("\",le=\"")
            .append(le)
            .append("\"} ")
            .append(cumulative)
            .append('\n');
      }
      out.append("foobar_dns_query_duration_seconds_sum{transport=\"")
          .append(TRANSPORTS[t])
          .append("\"} ")
          .append(nanos[t].sum() / 1e9)
          .append('\n');
      out.append("foobar_dns_query_duration_seconds_count{transport=\"")
          .append(TRANSPORTS[t])
          .append("\"} ")
          .append(cumulative)
          .append('\n');
    }
  }
}
