package com.foobar.web.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcmePollingTest {
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  @Test
  void asksAgainSoonThenBacksOffToThreeSeconds() {
    assertThat(AcmePolling.wait(0, Optional.empty(), NOW)).isEqualTo(Duration.ofMillis(500));
    assertThat(AcmePolling.wait(1, Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(1));
    assertThat(AcmePolling.wait(2, Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(2));
    assertThat(AcmePolling.wait(3, Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(3));
    assertThat(AcmePolling.wait(40, Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void waitsAsLongAsTheCaAsksButNeverLoopsOnAPastTime() {
    assertThat(AcmePolling.wait(0, Optional.of(NOW.plusSeconds(10)), NOW))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(AcmePolling.wait(5, Optional.of(NOW.minusSeconds(1)), NOW))
        .isEqualTo(Duration.ofMillis(500));
    assertThat(AcmePolling.wait(5, Optional.of(NOW), NOW)).isEqualTo(Duration.ofMillis(500));
  }
}
