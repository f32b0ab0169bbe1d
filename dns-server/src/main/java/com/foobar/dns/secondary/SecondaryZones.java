package com.foobar.dns.secondary;

import com.foobar.dns.ZoneFileException;
import com.foobar.dns.answer.NotifyListener;
import com.foobar.dns.zone.Zone;
import com.foobar.dns.zone.ZoneLoader;
import com.foobar.dns.zone.ZoneStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;

/**
 * The zones this server is a secondary for, kept as NSD and Knot keep theirs (RFC 1034 4.3.5, RFC
 * 1995, RFC 1996): each is transferred from the first primary that answers (IXFR where it offers
 * the changes, else AXFR), checked again every SOA refresh (the serial only; a transfer only when
 * it grew), retried every SOA retry after a failure, and no longer answered (SERVFAIL) once SOA
 * expire has passed without a successful check. A NOTIFY from one of the primaries checks at once.
 * The last copy is kept on disk, its modification time the last successful check, so a restart
 * serves it at once (if not expired).
 */
public final class SecondaryZones implements NotifyListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SecondaryZones.class);

  /** Before the first copy there are no SOA timers yet: try again this soon. */
  private static final Duration FIRST_RETRY = Duration.ofSeconds(5);

  private final List<InetSocketAddress> primaries;
  private final Path directory;
  private final ZoneStore store;
  private final Clock clock;
  private final PrimaryClient client = new PrimaryClient();
  private final ZoneLoader loader = new ZoneLoader();
  private final Map<Name, State> zones = new HashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "dns-secondary");
            thread.setDaemon(true);
            return thread;
          });

  /** One zone's copy and timers; touched by the timer thread only (and start, before it runs). */
  private static final class State {
    Zone zone; // null: no copy
    Instant refreshed; // the last successful check
    ScheduledFuture<?> next;
  }

  /**
   * @param origins the zones to follow
   * @param primaries where they come from, tried in order
   * @param directory where the copies are kept (made if missing)
   * @param store where the copies are served from
   */
  public SecondaryZones(
      List<Name> origins,
      List<InetSocketAddress> primaries,
      Path directory,
      ZoneStore store,
      Clock clock) {
    this.primaries = List.copyOf(primaries);
    this.directory = directory;
    this.store = store;
    this.clock = clock;
    for (Name origin : origins) {
      zones.put(origin, new State());
    }
  }

  /**
   * Serves the copies on disk that have not expired, then checks every zone with its primaries in
   * the background.
   *
   * @throws IOException if the directory cannot be made
   */
  public void start() throws IOException {
    Files.createDirectories(directory);
    for (Map.Entry<Name, State> entry : zones.entrySet()) {
      loadCopy(entry.getKey(), entry.getValue());
      schedule(entry.getKey(), Duration.ZERO);
    }
  }

  @Override
  public boolean notified(Name zone, InetAddress from) {
    if (!zones.containsKey(zone)
        || primaries.stream().noneMatch(p -> p.getAddress().equals(from))) {
      return false;
    }
    log.info("dns: NOTIFY for {} from {}: checking it now", zone, from.getHostAddress());
    schedule(zone, Duration.ZERO);
    return true;
  }

  private void loadCopy(Name origin, State state) {
    Path copy = copyOf(origin);
    if (!Files.isRegularFile(copy)) {
      return;
    }
    try {
      Zone zone = loader.loadFile(copy);
      Instant refreshed = Files.getLastModifiedTime(copy).toInstant();
      if (expired(zone, refreshed)) {
        log.warn("dns: {}: the copy on disk is past its SOA expire: not served", origin);
        return;
      }
      state.zone = zone;
      state.refreshed = refreshed;
      store.secondary(origin, Optional.of(zone));
      log.info("dns: {}: serving the copy on disk, serial {}", origin, zone.soa().getSerial());
    } catch (ZoneFileException | IOException e) {
      log.warn("dns: {}: the copy on disk cannot be served ({}); transferring anew", origin, e);
    }
  }

  private synchronized void schedule(Name origin, Duration delay) {
    State state = zones.get(origin);
    if (state.next != null) {
      state.next.cancel(false);
    }
    state.next = timer.schedule(() -> check(origin), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One check: the primaries' serial, a transfer if it grew, then the next check's time. */
  private void check(Name origin) {
    State state = zones.get(origin);
    Duration next;
    try {
      next = refresh(origin, state);
    } catch (RuntimeException e) {
      log.warn("dns: {}: check failed", origin, e);
      next = FIRST_RETRY;
    }
    if (state.zone != null && expired(state.zone, state.refreshed)) {
      log.warn("dns: {}: SOA expire passed without reaching a primary: answering SERVFAIL", origin);
      state.zone = null;
      store.secondary(origin, Optional.empty());
    }
    schedule(origin, next);
  }

  private Duration refresh(Name origin, State state) {
    for (InetSocketAddress primary : primaries) {
      long serial;
      try {
        serial = client.serial(primary, origin);
      } catch (IOException e) {
        log.warn("dns: {}: primary {}: {}", origin, primary, PrimaryClient.describe(e));
        continue;
      }
      if (state.zone != null && !ZoneStore.serialGrew(state.zone.soa().getSerial(), serial)) {
        state.refreshed = clock.instant();
        touch(copyOf(origin));
        return seconds(state.zone.soa().getRefresh());
      }
      try {
        PrimaryClient.Transfer transfer = client.transfer(primary, origin, state.zone);
        if (transfer == null) { // up to date after all
          state.refreshed = clock.instant();
          touch(copyOf(origin));
          return seconds(state.zone.soa().getRefresh());
        }
        Zone zone;
        try {
          zone = keep(origin, transfer.zoneFile());
        } catch (ZoneFileException badChanges) {
          if (!transfer.how().equals("IXFR")) {
            throw badChanges;
          }
          // Changes that do not apply to our copy (it drifted from the primary's history): the
          // whole zone instead, as RFC 1995 allows.
          log.warn("dns: {}: IXFR from {} did not apply ({}): AXFR", origin, primary, badChanges);
          transfer = client.transfer(primary, origin, null);
          zone = keep(origin, transfer.zoneFile());
        }
        long before = state.zone == null ? -1 : state.zone.soa().getSerial();
        state.zone = zone;
        state.refreshed = clock.instant();
        store.secondary(origin, Optional.of(zone));
        log.info(
            "dns: {}: {} from {}, serial {} -> {}",
            origin,
            transfer.how(),
            primary,
            before < 0 ? "none" : before,
            zone.soa().getSerial());
        return seconds(zone.soa().getRefresh());
      } catch (IOException | ZoneFileException e) {
        log.warn(
            "dns: {}: transfer from {} failed: {}", origin, primary, PrimaryClient.describe(e));
      }
    }
    return state.zone == null ? FIRST_RETRY : seconds(state.zone.soa().getRetry());
  }

  /** A transfer into a file checked like any zone file, renamed over the copy: never half one. */
  private Zone keep(Name origin, String zoneFile) throws IOException {
    Path incoming = Files.createDirectories(directory.resolve(".incoming"));
    Path file = incoming.resolve(fileName(origin));
    Files.writeString(file, zoneFile);
    Zone zone = loader.loadFile(file);
    try (var channel = java.nio.channels.FileChannel.open(file)) {
      channel.force(true);
    }
    Files.move(
        file,
        copyOf(origin),
        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return zone;
  }

  private boolean expired(Zone zone, Instant refreshed) {
    return clock.instant().isAfter(refreshed.plusSeconds(zone.soa().getExpire()));
  }

  private void touch(Path copy) {
    try {
      Files.setLastModifiedTime(copy, FileTime.from(clock.instant()));
    } catch (IOException e) {
      log.warn("dns: cannot record the refresh on {}: {}", copy, e.getMessage());
    }
  }

  private Path copyOf(Name origin) {
    return directory.resolve(fileName(origin));
  }

  /** {@code example.org.zone}: what the zone loader takes the origin from. */
  private static String fileName(Name origin) {
    return origin.toString(true) + ZoneLoader.SUFFIX;
  }

  private static Duration seconds(long value) {
    return Duration.ofSeconds(Math.max(1, value));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
