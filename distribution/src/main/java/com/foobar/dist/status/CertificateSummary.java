package com.foobar.dist.status;

import com.foobar.web.acme.CertificateStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The web tier's managed certificate in {@code foobar status}'s words, from what it keeps on disk
 * (so the answer is there with the web tier down): its names, issuer and expiry, and the last
 * attempt's error with the time of the next one.
 */
final class CertificateSummary {
  private CertificateSummary() {}

  /** Whether browsers get a certificate they can trust: one that has not expired, or soon will. */
  static boolean healthy(CertificateStatus status, Instant now) {
    if (status == null) {
      return true; // none asked for yet: the first attempt is under way
    }
    if (status.notAfter() != null) {
      return status.notAfter().isAfter(now);
    }
    return status.lastError() == null;
  }

  static String words(CertificateStatus status, Instant now) {
    if (status == null) {
      return "certificate: none yet (self-signed until the CA's arrives)";
    }
    StringBuilder words = new StringBuilder("certificate ");
    if (status.notAfter() == null) {
      words.append("none yet (self-signed until the CA's arrives)");
    } else {
      words
          .append(status.notAfter().isAfter(now) ? "expires " : "EXPIRED ")
          .append(seconds(status.notAfter()))
          .append(" from ")
          .append(status.issuer())
          .append(", renewal from ")
          .append(seconds(status.renewAt()));
    }
    if (status.lastError() != null) {
      words.append("; last attempt ").append(seconds(status.lastAttempt()));
      words.append(" failed: ").append(status.lastError());
    }
    if (status.nextAttempt() != null) {
      words.append("; next attempt ").append(seconds(status.nextAttempt()));
    }
    return words.toString();
  }

  private static String seconds(Instant instant) {
    return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
