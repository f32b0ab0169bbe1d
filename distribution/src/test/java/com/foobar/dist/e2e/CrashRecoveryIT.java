package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code foobar run}, the whole stack in one process with its embedded MariaDB, killed with SIGKILL
 * (the JVM and mariadbd both, as a power cut leaves them) while orders are being confirmed: after a
 * restart every order the API confirmed is in the database, and each order row took its stock in
 * the same transaction.
 */
@ResourceLock(PackageLock.NAME)
class CrashRecoveryIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Path LOGS = Path.of("target/e2e");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  @Test
  void everyConfirmedOrderSurvivesTheStackKilledMidOrder() throws Exception {
    StackPorts ports = StackPorts.free();
    List<String> run = new ArrayList<>(List.of("run"));
    run.addAll(ports.settings());
    StoreDatabase store = new StoreDatabase(DIST, ports.db());
    String email = "crash-" + System.currentTimeMillis() + "@example.com";
    URI web = URI.create("http://127.0.0.1:" + ports.web());

    Set<Long> confirmed;
    try (StackProcess stack = StackProcess.start(DIST, LOGS, run)) {
      stack.awaitLine("stack up in", START_TIMEOUT);
      store.restock();
      try (WebLoad load = new WebLoad(web, 4, email, WebLoad.Writes.RETRYABLE, 1, 400)) {
        load.awaitMoreConfirmed(40);
        stack.killHard();
        load.close();
        confirmed = Set.copyOf(load.confirmedOrderIds());
        System.out.printf(
            "killed after %d orders confirmed; then: %s%n", confirmed.size(), load.failures());
      }
    }

    try (StackProcess again = StackProcess.start(DIST, LOGS, run)) {
      again.awaitLine("stack up in", START_TIMEOUT);
      Set<Long> inDatabase = store.orderIds(email, null);
      assertThat(inDatabase).containsAll(confirmed);
      // A commit the kill interrupted may be there with no 201 sent: an order, never half one.
      assertThat(store.stickersInStock()).isEqualTo(StoreDatabase.STICKERS - inDatabase.size());
      assertThat(again.stop(Duration.ofSeconds(60))).isIn(0, 143);
    }
  }
}
