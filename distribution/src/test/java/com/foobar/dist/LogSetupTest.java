package com.foobar.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogSetupTest {
  @Test
  void namesTheLogAfterTheTierAndTheAppInstance() {
    assertThat(LogSetup.tierLogName(List.of("run", "--tier", "web"))).isEqualTo("web");
    assertThat(LogSetup.tierLogName(List.of("run", "--tier=DNS"))).isEqualTo("dns");
    assertThat(LogSetup.tierLogName(List.of("run", "--tier", "app", "--port", "8082")))
        .isEqualTo("app-8082");
    assertThat(LogSetup.tierLogName(List.of("run", "--port=8081", "--tier", "app")))
        .isEqualTo("app-8081");
  }

  @Test
  void theWholeStackKeepsTheSharedConfigAndOtherCommandsLogApart() {
    assertThat(LogSetup.tierLogName(List.of("run"))).isNull();
    assertThat(LogSetup.tierLogName(List.of("run", "--tier", "all"))).isNull();
    assertThat(LogSetup.tierLogName(List.of("status"))).isEqualTo("cli");
    assertThat(LogSetup.tierLogName(List.of())).isEqualTo("cli");
  }
}
