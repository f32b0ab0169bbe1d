package com.foobar.web.acme;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** A certificate chain (leaf first) with its private key, as PEM, and what is read off its leaf. */
record StoredCertificate(String chainPem, String keyPem, X509Certificate leaf) {
  private static final String FIRST_CERTIFICATE = "-----BEGIN CERTIFICATE-----";
  private static final int DNS_NAME = 2; // GeneralName's tag for a dNSName

  /**
   * @throws IllegalArgumentException when {@code chainPem} holds no X.509 certificate
   */
  static StoredCertificate of(String chainPem, String keyPem) {
    try {
      Collection<? extends java.security.cert.Certificate> chain =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII)));
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("no certificate in the chain");
      }
      return new StoredCertificate(chainPem, keyPem, (X509Certificate) chain.iterator().next());
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a certificate chain: " + e.getMessage(), e);
    }
  }

  /** The key, then the chain: one file, so no crash can leave a chain without its key. */
  String file() {
    return keyPem + (keyPem.endsWith("\n") ? "" : "\n") + chainPem;
  }

  static StoredCertificate parse(String file) {
    int chain = file.indexOf(FIRST_CERTIFICATE);
    if (chain <= 0) {
      throw new IllegalArgumentException("not a private key followed by a certificate chain");
    }
    return of(file.substring(chain), file.substring(0, chain));
  }

  String issuer() {
    return leaf.getIssuerX500Principal().getName();
  }

  Instant notAfter() {
    return leaf.getNotAfter().toInstant();
  }

  /** Two thirds into its lifetime, as Let's Encrypt advises for clients without ARI. */
  Instant renewAt() {
    Instant notBefore = leaf.getNotBefore().toInstant();
    Duration lifetime = Duration.between(notBefore, notAfter());
    return notBefore.plus(lifetime.multipliedBy(2).dividedBy(3));
  }

  /** Whether its names are exactly {@code names} (an added or removed name needs a new order). */
  boolean covers(List<String> names) {
    return dnsNames().equals(lowerCase(names));
  }

  private Set<String> dnsNames() {
    Set<String> found = new TreeSet<>();
    try {
      Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> alternative : alternatives) {
          if (((Integer) alternative.get(0)) == DNS_NAME) {
            found.add(((String) alternative.get(1)).toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (CertificateParsingException e) {
      return Set.of();
    }
    return found;
  }

  private static Set<String> lowerCase(List<String> names) {
    Set<String> lower = new TreeSet<>();
    for (String name : names) {
      lower.add(name.toLowerCase(Locale.ROOT));
    }
    return lower;
  }
}
