package com.foobar.web.acme;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the site's certificate current from an ACME CA, as Caddy's managed certificates do: at
 * start the stored one goes back into service (or, with none for these names, the self-signed
 * certificate serves until the first arrives); the CA is asked in the background when there is
 * none, and again at two thirds of its lifetime; a failure keeps the current certificate, is logged
 * and counted, and is retried after a backoff that doubles up to {@link #MAX_BACKOFF}. Each
 * attempt's outcome is kept in {@code status.json} beside the certificate for {@code foobar
 * status}.
 */
public final class ManagedCertificate implements AutoCloseable {
  /** The longest wait between checks, whatever the certificate's lifetime says. */
  public static final Duration CHECK_EVERY = Duration.ofHours(12);

  /** The first retry after a failure; each further failure doubles it. */
  public static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);

  public static final Duration MAX_BACKOFF = Duration.ofHours(6);

  /** Where a new certificate goes into service: the web tier's HTTPS. */
  @FunctionalInterface
  public interface Target {
    void use(String chainPem, String keyPem) throws IOException;
  }

  private static final Logger log = LoggerFactory.getLogger(ManagedCertificate.class);

  private final AcmeIssuer issuer;
  private final List<String> names;
  private final CertificateStore store;
  private final Target target;
  private final Duration firstBackoff;
  private final Clock clock = Clock.systemUTC();
  private final AtomicLong renewals = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          work -> {
            Thread thread = new Thread(work, "acme");
            thread.setDaemon(true); // an order under way must not hold up the JVM's exit
            return thread;
          });

  private volatile StoredCertificate current;
  private volatile CertificateStatus status;
  private Duration backoff;

  /**
   * @param names the certificate's names, the first its subject; {@code *.} names by DNS-01
   * @param directory where the certificate, its key and the status are kept (var/acme)
   */
  public ManagedCertificate(
      AcmeIssuer issuer, List<String> names, Path directory, Target target, Duration firstBackoff) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("acme: no names to ask a certificate for");
    }
    this.issuer = issuer;
    this.names = List.copyOf(names);
    this.store = new CertificateStore(directory);
    this.target = target;
    this.firstBackoff = firstBackoff;
    this.backoff = firstBackoff;
  }

  /**
   * Puts the stored certificate back into service when it is for these names and not expired, then
   * checks in the background; returns at once.
   *
   * @throws IOException when the stored certificate cannot be read or served
   */
  public void start() throws IOException {
    StoredCertificate stored = store.read();
    status = store.readStatus();
    if (stored != null && stored.covers(names) && stored.notAfter().isAfter(clock.instant())) {
      target.use(stored.chainPem(), stored.keyPem());
      current = stored;
      log.info(
          "acme: serving the stored certificate for {} (issuer {}, expires {})",
          names,
          stored.issuer(),
          stored.notAfter());
    }
    scheduler.execute(this::check);
  }

  /** What the status and metrics show. */
  public CertificateStatus status() {
    return CertificateStore.combined(names, current, status);
  }

  /** Certificates obtained since start. */
  public long renewals() {
    return renewals.get();
  }

  /** Attempts that failed since start. */
  public long failures() {
    return failures.get();
  }

  private void check() {
    Instant now = clock.instant();
    StoredCertificate served = current;
    if (served != null && now.isBefore(served.renewAt())) {
      scheduleAt(served.renewAt());
      return;
    }
    Instant next;
    String error = null;
    try {
      AcmeIssuer.Issued issued = issuer.obtain(names);
      StoredCertificate obtained = StoredCertificate.of(issued.chainPem(), issued.keyPem());
      store.write(obtained);
      target.use(obtained.chainPem(), obtained.keyPem());
      current = obtained;
      backoff = firstBackoff;
      next = obtained.renewAt();
      log.info(
          "acme: now serving a certificate for {} from {}, expires {}, renewal from {}",
          names,
          obtained.issuer(),
          obtained.notAfter(),
          obtained.renewAt());
    } catch (IOException
        | RuntimeException e) { // RuntimeException: AcmeFailure, and a refused DNS-01 hand-off
      error = e.getMessage();
      next = now.plus(backoff);
      Duration doubled = backoff.multipliedBy(2);
      backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
      log.warn(
          "acme: no certificate for {} ({}); {} keeps serving, next attempt at {}",
          names,
          error,
          served == null ? "the self-signed certificate" : "the current certificate",
          next);
    }
    CertificateStatus attempt =
        new CertificateStatus(names, null, null, null, now, error, cap(next, now));
    status = attempt;
    try {
      store.writeStatus(attempt);
    } catch (IOException e) {
      log.warn("acme: cannot record the attempt's outcome: {}", e.getMessage());
    }
    // Counted once the outcome is on record, so whoever sees the count can read the status.
    (error == null ? renewals : failures).incrementAndGet();
    scheduleAt(attempt.nextAttempt());
  }

  private Instant cap(Instant next, Instant now) {
    Instant latest = now.plus(CHECK_EVERY);
    return next.isAfter(latest) ? latest : next;
  }

  private void scheduleAt(Instant when) {
    long delay =
        Math.max(0, Duration.between(clock.instant(), cap(when, clock.instant())).toMillis());
    try {
      scheduler.schedule(this::check, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      // stopping
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
