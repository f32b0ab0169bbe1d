package com.foobar.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.dns.zone.TestZones;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class DnsMetricsIT {
  @Test
  void countsQueriesByTransportTypeAndRcodeForPrometheus() throws Exception {
    DnsConfig config =
        DnsConfig.serving(TestZones.directory())
            .withMetrics(new InetSocketAddress("127.0.0.1", 0)); // a literal: nothing to resolve
    try (DnsServer server = new DnsServer(config)) {
      server.start();
      SimpleResolver udp =
          new SimpleResolver(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
      udp.setTimeout(Await.REPLY);
      SimpleResolver tcp =
          new SimpleResolver(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
      tcp.setTCP(true);
      tcp.setTimeout(Await.REPLY);
      udp.send(query("www.foobar.com.", Type.A));
      udp.send(query("www.foobar.com.", Type.A));
      udp.send(query("nope.foobar.com.", Type.AAAA));
      udp.send(query("example.org.", Type.MX));
      tcp.send(query("foobar.com.", Type.SOA));

      HttpResponse<String> scrape =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(scrape.body().lines())
          .contains(
              "foobar_dns_queries_total{transport=\"udp\",qtype=\"A\",rcode=\"NOERROR\"} 2",
              "foobar_dns_queries_total{transport=\"udp\",qtype=\"AAAA\",rcode=\"NXDOMAIN\"} 1",
              "foobar_dns_queries_total{transport=\"udp\",qtype=\"MX\",rcode=\"REFUSED\"} 1",
              "foobar_dns_queries_total{transport=\"tcp\",qtype=\"SOA\",rcode=\"NOERROR\"} 1",
              "foobar_dns_query_duration_seconds_count{transport=\"udp\"} 4",
              "foobar_dns_query_duration_seconds_bucket{transport=\"udp\",le=\"+Inf\"} 4",
              "foobar_dns_zone_serial{zone=\"foobar.com.\"} 2026112201",
              "foobar_dns_listener_errors_total 0",
              // The second www.foobar.com A, the same question: served from the cache.
              "foobar_dns_answer_cache_hits_total 1",
              "# TYPE foobar_dns_query_duration_seconds histogram");
    }
  }

  @Test
  void refusesAMetricsAddressThatIsAHostName() {
    DnsConfig config = DnsConfig.serving(TestZones.directory());
    assertThatThrownBy(() -> config.withMetrics(InetSocketAddress.createUnresolved("localhost", 0)))
        .hasMessage("dns: metrics address 'localhost:0' is not an IP address");
  }

  private static Message query(String name, int type) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
  }
}
