package com.foobar.dist.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperatorInterruptTest {
  @Test
  @SuppressWarnings("restriction")
  void aCtrlCDuringARolloutIsARequestToStopNotAnExit() throws Exception {
    try (OperatorInterrupt interrupt = OperatorInterrupt.install("deploy")) {
      assertThat(interrupt.requested()).isFalse();

      sun.misc.Signal.raise(new sun.misc.Signal("INT")); // this JVM would exit without the handler

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!interrupt.requested() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(interrupt.requested()).isTrue();
    }
  }
}
