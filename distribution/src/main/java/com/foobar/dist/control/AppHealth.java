package com.foobar.dist.control;

import com.foobar.app.stack.StackEndpoints;
import com.foobar.dist.stack.TierConfigs;
import com.foobar.dist.status.HttpProbe;
import java.time.Duration;

/**
 * An app instance's own health ({@code /_foobar/health}, the path no hosted application can take),
 * asked directly, not through the web tier.
 */
final class AppHealth {
  private final HttpProbe http = new HttpProbe();
  private final TierConfigs tiers;

  AppHealth(TierConfigs tiers) {
    this.tiers = tiers;
  }

  /** The HTTP status of its health, or -1 when the instance cannot be reached. */
  int status(int port) {
    return http.get(tiers.appUri(port).resolve(StackEndpoints.HEALTH)).status();
  }

  /** Waits until the instance answers 200; false if it has not within the timeout. */
  boolean awaitHealthy(int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (status(port) == 200) {
        return true;
      }
      Launcher.sleep(Duration.ofMillis(200));
    }
    return false;
  }
}
