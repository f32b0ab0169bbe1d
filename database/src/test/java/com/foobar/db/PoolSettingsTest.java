package com.foobar.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolSettingsTest {
  @Test
  void handsEverySettingToHikari() {
    PoolSettings settings =
        new PoolSettings(7, Duration.ofMillis(900), Duration.ofMinutes(5), Duration.ofMinutes(1));
    // Nothing listens on port 1: the pool starts anyway (it must, with the database down).
    DbConnection nowhere = new DbConnection("jdbc:mariadb://127.0.0.1:1/foobar", "u", "p");
    try (HikariDataSource pool = DataSources.create(nowhere, settings, "settings-test")) {
      assertThat(pool.getMaximumPoolSize()).isEqualTo(7);
      assertThat(pool.getConnectionTimeout()).isEqualTo(900);
      assertThat(pool.getMaxLifetime()).isEqualTo(300_000);
      assertThat(pool.getKeepaliveTime()).isEqualTo(60_000);
    }
  }

  @Test
  void refusesWhatHikariWouldSilentlyReplaceWithItsDefault() {
    Duration second = Duration.ofSeconds(1);
    Duration minute = Duration.ofMinutes(1);
    assertThatThrownBy(() -> new PoolSettings(0, second, minute, Duration.ZERO))
        .hasMessage("db pool: the size must be at least 1");
    assertThatThrownBy(() -> new PoolSettings(1, Duration.ofMillis(100), minute, Duration.ZERO))
        .hasMessage("db pool: the connection timeout must be at least 250 ms");
    assertThatThrownBy(() -> new PoolSettings(1, second, Duration.ofSeconds(10), Duration.ZERO))
        .hasMessage("db pool: the max lifetime must be at least 30 s");
    assertThatThrownBy(() -> new PoolSettings(1, second, minute, minute))
        .hasMessage(
            "db pool: the keepalive must be 0 (off) or at least 30 s and below the max lifetime");
    assertThat(new PoolSettings(1, second, minute, Duration.ZERO).keepalive()).isZero();
  }
}
