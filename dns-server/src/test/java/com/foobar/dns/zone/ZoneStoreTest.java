package com.foobar.dns.zone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZoneStoreTest {
  @Test
  void comparesSerialsTheRfc1982Way() {
    assertThat(ZoneStore.serialGrew(1, 2)).isTrue();
    assertThat(ZoneStore.serialGrew(2, 2)).isFalse();
    assertThat(ZoneStore.serialGrew(2, 1)).isFalse();
    assertThat(ZoneStore.serialGrew(0xFFFFFFFFL, 0)).as("wraps around").isTrue();
    assertThat(ZoneStore.serialGrew(0, 0x7FFFFFFFL)).isTrue();
    assertThat(ZoneStore.serialGrew(0, 0x80000000L))
        .as("half the space away: undefined, no")
        .isFalse();
  }
}
