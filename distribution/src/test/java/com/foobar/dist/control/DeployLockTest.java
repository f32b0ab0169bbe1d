package com.foobar.dist.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployLockTest {
  @TempDir Path home;

  @Test
  void aSecondDeployIsRefusedWhileTheFirstHoldsTheLockAndMayGoOnAfter() throws Exception {
    Optional<DeployLock> first = DeployLock.tryAcquire(home);
    assertThat(first).isPresent();
    assertThat(DeployLock.tryAcquire(home)).isEmpty();

    first.get().close();
    try (DeployLock again = DeployLock.tryAcquire(home).orElseThrow()) {
      assertThat(home.resolve("var/run/deploy.lock")).exists();
    }
  }
}
