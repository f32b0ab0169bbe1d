package com.foobar.dist.control;

import com.foobar.app.stack.StackEndpoints;
import com.foobar.dist.stack.TierConfigs;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An app instance's own health ({@code /_foobar/health}, the path no hosted application can take),
 * asked directly, not through the web tier.
 */
final class AppHealth {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final TierConfigs tiers;

  AppHealth(TierConfigs tiers) {
    this.tiers = tiers;
  }

  /** The HTTP status of its health, or -1 when the instance cannot be reached. */
  int status(int port) {
    HttpRequest request =
        HttpRequest.newBuilder(tiers.appUri(port).resolve(StackEndpoints.HEALTH))
            .timeout(TIMEOUT)
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
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
