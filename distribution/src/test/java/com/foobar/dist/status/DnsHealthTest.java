package com.foobar.dist.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DnsHealthTest {
  @Test
  void saysEachCheckedAddressStateFromTheMetrics() {
    String metrics =
        "# TYPE foobar_dns_health_up gauge\n"
            + "foobar_dns_health_up{address=\"192.0.2.10\"} 1\n"
            + "foobar_dns_health_up{address=\"2001:db8::11\"} 0\n"
            + "foobar_dns_answer_cache_hits_total 7\n";

    assertThat(DnsHealth.summary(metrics)).isEqualTo("health: 192.0.2.10 up, 2001:db8::11 DOWN");
    assertThat(DnsHealth.summary("foobar_dns_answer_cache_hits_total 7\n")).isEmpty();
  }
}
