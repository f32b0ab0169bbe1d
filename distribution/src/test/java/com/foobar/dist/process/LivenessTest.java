package com.foobar.dist.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.dist.e2e.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LivenessTest {
  @Test
  void countsAZombieAsGoneThoughTheJdkSaysItIsAlive() throws Exception {
    // The shell's background child exits at once; its parent becomes 'sleep', which never reaps.
    Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 30").start();
    try {
      long child;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII))) {
        child = Long.parseLong(out.readLine().strip());
        Await.until("the child is a zombie", Duration.ofSeconds(10), () -> Liveness.zombie(child));
      }
      ProcessHandle zombie = ProcessHandle.of(child).orElseThrow();
      assertThat(zombie.isAlive()).isTrue();
      assertThat(Liveness.running(zombie)).isFalse();
      assertThat(Liveness.running(ProcessHandle.of(parent.pid()).orElseThrow())).isTrue();
    } finally {
      parent.destroyForcibly();
    }
  }
}
