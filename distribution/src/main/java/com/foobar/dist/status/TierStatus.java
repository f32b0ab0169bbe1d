package com.foobar.dist.status;

import com.foobar.dist.process.PidFile;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of {@code foobar status}.
 *
 * @param tier {@code db}, {@code app-8081}, {@code web}, {@code dns}
 * @param address where it listens
 * @param process its process (from the pid file), empty when none runs here
 * @param version the package version the process was started from
 * @param release what an app instance runs ({@code release 3 (1.2.0)}), else {@code -}
 * @param healthy what its own endpoint said: true when it serves
 * @param health that answer in words
 */
record TierStatus(
    String tier,
    String address,
    Optional<ProcessHandle> process,
    String version,
    String release,
    boolean healthy,
    String health) {

  static TierStatus of(
      String tier, String address, PidFile pidFile, boolean healthy, String health) {
    return new TierStatus(
        tier,
        address,
        pidFile.process(),
        pidFile.version().orElse("-"),
        pidFile.release().orElse("-"),
        healthy,
        health);
  }

  String state() {
    if (process.isPresent()) {
      return "running";
    }
    return healthy ? "serving" : "stopped"; // serving: up, but not started from this package
  }

  String pid() {
    return process.map(p -> Long.toString(p.pid())).orElse("-");
  }

  String uptime() {
    Optional<Instant> start = process.flatMap(p -> p.info().startInstant());
    if (start.isEmpty()) {
      return "-";
    }
    Duration up = Duration.between(start.get(), Instant.now());
    if (up.toDays() > 0) {
      return up.toDays() + "d" + up.toHoursPart() + "h";
    }
    if (up.toHours() > 0) {
      return up.toHours() + "h" + up.toMinutesPart() + "m";
    }
    return up.toMinutes() + "m" + up.toSecondsPart() + "s";
  }
}
