package com.foobar.web.acme;

import java.time.Instant;
import java.util.List;

/**
 * A managed certificate as {@code foobar status} and the metrics show it. Every field but {@code
 * names} may be null: no certificate yet, no attempt yet, or no error.
 *
 * @param issuer the issuer's distinguished name of the certificate being served
 * @param notAfter when the certificate being served expires
 * @param renewAt from when it is renewed (two thirds of its lifetime)
 * @param lastAttempt when the CA was last asked
 * @param lastError why that attempt failed; null when it succeeded
 * @param nextAttempt when the CA is asked next
 */
public record CertificateStatus(
    List<String> names,
    String issuer,
    Instant notAfter,
    Instant renewAt,
    Instant lastAttempt,
    String lastError,
    Instant nextAttempt) {
  public CertificateStatus {
    names = List.copyOf(names);
  }
}
