package com.foobar.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsConfigTest {
  private static final Path ZONES = Path.of("zones");

  @Test
  void servesOnLoopbackAFreePortWithNothingElseByDefault() {
    assertThat(DnsConfig.serving(ZONES))
        .isEqualTo(
            new DnsConfig(
                List.of("127.0.0.1"),
                0,
                ZONES,
                List.of(),
                List.of(),
                null,
                0,
                List.of(),
                List.of(),
                null,
                null));
  }

  @Test
  void eachWitherChangesItsOwnFieldOnly() {
    InetSocketAddress metrics = new InetSocketAddress("127.0.0.1", 9153);
    DnsConfig config =
        DnsConfig.serving(ZONES)
            .withBindAddresses(List.of("*"))
            .withPort(53)
            .withZoneDirectory(Path.of("other"))
            .withTransferAllow(List.of("10.0.0.0/8"))
            .withNotifyTargets(List.of("10.0.0.2@5353"))
            .withMetrics(metrics)
            .withRateLimit(20)
            .withSecondary(List.of("example.org"), List.of("10.0.0.9"), Path.of("copies"));

    assertThat(config)
        .isEqualTo(
            new DnsConfig(
                List.of("*"),
                53,
                Path.of("other"),
                List.of("10.0.0.0/8"),
                List.of("10.0.0.2@5353"),
                metrics,
                20,
                List.of("example.org"),
                List.of("10.0.0.9"),
                Path.of("copies"),
                null));
    assertThat(config.withMetrics(null).metricsAddress()).isNull();
  }

  @Test
  void aSecondaryZoneNeedsPrimariesAndTheirAddressesMustBeIps() {
    assertThatThrownBy(
            () -> DnsConfig.serving(ZONES).withSecondary(List.of("example.org"), List.of(), null))
        .hasMessage(
            "dns: secondary zones [example.org] need primaries and a directory to keep them");
    assertThatThrownBy(
            () ->
                DnsConfig.serving(ZONES)
                    .withSecondary(List.of("example.org"), List.of("ns1.example"), ZONES))
        .hasMessage("dns: primary 'ns1.example' is not an IP address with an optional @port");
    assertThatThrownBy(
            () ->
                DnsConfig.serving(ZONES)
                    .withSecondary(List.of("bad..name"), List.of("192.0.2.1"), ZONES))
        .hasMessageStartingWith("dns: secondary zone 'bad..name' is not a domain name");
  }

  @Test
  void witherValidatesLikeTheConstructor() {
    assertThatThrownBy(() -> DnsConfig.serving(ZONES).withPort(65536))
        .hasMessage("dns: port must be 0..65535, was 65536");
    assertThatThrownBy(() -> DnsConfig.serving(ZONES).withBindAddresses(List.of("localhost")))
        .hasMessage("dns: bind address 'localhost' is not an IP address (or * for all addresses)");
  }
}
