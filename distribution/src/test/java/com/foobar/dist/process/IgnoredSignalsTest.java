package com.foobar.dist.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.dist.e2e.Await;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IgnoredSignalsTest {
  @Test
  void readsSighupFromTheLowestBitOfTheMask() {
    assertThat(new IgnoredSignals(0x1).hangup()).isTrue();
    assertThat(new IgnoredSignals(0x1000).hangup()).isFalse(); // SIGPIPE (13) only
    assertThat(new IgnoredSignals(0).hangup()).isFalse();
  }

  @Test
  void seesThatALiveProcessIgnoresSighup() throws Exception {
    // The trap is set before exec, and an ignored signal stays ignored across it, as under nohup.
    Process ignoring = new ProcessBuilder("sh", "-c", "trap '' HUP; exec sleep 30").start();
    try {
      Await.until("the shell has exec'd sleep", Duration.ofSeconds(10), () -> isSleeping(ignoring));
      assertThat(IgnoredSignals.of(ignoring.pid()).hangup()).isTrue();
    } finally {
      ignoring.destroyForcibly();
    }
  }

  @Test
  void knowsNothingIgnoredOfAProcessThatIsGone() {
    assertThat(IgnoredSignals.of(Long.MAX_VALUE).mask()).isZero();
  }

  private static boolean isSleeping(Process process) {
    return process.info().command().orElse("").endsWith("sleep");
  }
}
