package com.foobar.web.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.web.TlsProbe;
import com.foobar.web.WebConfig;
import com.foobar.web.WebServer;
import com.foobar.web.tls.TlsConfig;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates from a real ACME CA (Pebble) by HTTP-01, the challenges answered by the web tier
 * itself on its plain port: the chain verifies against Pebble's root and names the names asked for,
 * the key is the certificate's, the account key is kept owner-only and reused; a challenge the CA
 * cannot validate is an error that says so.
 */
class AcmeIssuerIT {
  private static final List<String> NAMES = List.of("www.foobar.test", "foobar.test");

  @Test
  void obtainsACertificateByHttp01AnsweredByTheWebTier(@TempDir Path work) throws Exception {
    Path site = Files.createDirectories(work.resolve("site"));
    Files.writeString(site.resolve("index.html"), "<!doctype html><title>t</title>");
    // No application here: the one instance named is never asked (nothing under /api/).
    WebConfig config =
        WebConfig.serving(site)
            .withHttpPort(Pebble.freePort())
            .withBackendUris(List.of(URI.create("http://127.0.0.1:9")))
            .withTls(new TlsConfig(0, work.resolve("tls/keystore.p12"), "pw-test", NAMES, false));
    try (WebServer web = new WebServer(config)) {
      web.start();
      try (Pebble pebble = Pebble.start(work, web.httpPort())) {
        Path accountKey = work.resolve("acme/account.key");
        AcmeIssuer issuer =
            new AcmeIssuer(
                pebble.directory(),
                pebble.directoryCa(),
                "admin@foobar.test",
                accountKey,
                web.acmeChallenges());

        AcmeIssuer.Issued issued = issuer.obtain(NAMES);

        List<X509Certificate> chain = certificates(issued.chainPem());
        X509Certificate leaf = chain.get(0);
        List<String> altNames =
            leaf.getSubjectAlternativeNames().stream().map(name -> (String) name.get(1)).toList();
        assertThat(altNames).containsExactlyInAnyOrderElementsOf(NAMES);
        X509Certificate root = certificates(pebble.issuingRootPem()).get(0);
        PKIXParameters anchors = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        anchors.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
            .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), anchors);
        // Served from now on (the web tier checks the key is the certificate's), no restart.
        web.useCertificate(issued.chainPem(), issued.keyPem());
        assertThat(servedCertificate(web.httpsPort())).isEqualTo(leaf);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(accountKey)))
            .isEqualTo("rw-------");
        String accountKeyPem = Files.readString(accountKey);

        // The same account again (its key reused), and a challenge nobody answers: the web tier
        // publishes into another store than the one this issuer fills.
        AcmeIssuer unanswered =
            new AcmeIssuer(
                pebble.directory(), pebble.directoryCa(), null, accountKey, new Http01Challenges());
        assertThatThrownBy(() -> unanswered.obtain(List.of("shop.foobar.test")))
            .isInstanceOf(AcmeIssuer.AcmeFailure.class)
            .hasMessageContaining("could not validate shop.foobar.test by HTTP-01");
        assertThat(Files.readString(accountKey)).isEqualTo(accountKeyPem);

        // A name the CA will not issue for: its refusal, in the message.
        assertThatThrownBy(() -> issuer.obtain(List.of("www.*.foobar.test")))
            .isInstanceOf(AcmeIssuer.AcmeFailure.class)
            .hasMessageStartingWith("ACME with " + pebble.directory() + ": ")
            .hasMessageContaining("www.*.foobar.test");
      }
      // A directory nobody answers: said so, nothing else happens.
      AcmeIssuer unreachable =
          new AcmeIssuer(
              URI.create("https://127.0.0.1:" + Pebble.freePort() + "/dir"),
              null,
              null,
              work.resolve("acme/other.key"),
              web.acmeChallenges());
      assertThatThrownBy(() -> unreachable.obtain(NAMES))
          .isInstanceOf(AcmeIssuer.AcmeFailure.class)
          .hasMessageStartingWith("ACME with https://127.0.0.1:");
    }
  }

  @Test
  void obtainsAWildcardCertificateByDns01(@TempDir Path work) throws Exception {
    List<String> names = List.of("*.foobar.test", "foobar.test");
    try (Pebble pebble = Pebble.start(work, Pebble.freePort())) {
      Path accountKey = work.resolve("acme/account.key");
      // HTTP-01 only: a wildcard cannot be validated so, and the error says what is missing.
      AcmeIssuer httpOnly =
          new AcmeIssuer(
              pebble.directory(), pebble.directoryCa(), null, accountKey, new Http01Challenges());
      assertThatThrownBy(() -> httpOnly.obtain(names))
          .isInstanceOf(AcmeIssuer.AcmeFailure.class)
          .hasMessageContaining("*.foobar.test needs DNS-01, and no DNS server answers it here");

      AcmeIssuer byDns =
          new AcmeIssuer(
              pebble.directory(), pebble.directoryCa(), null, accountKey, null, pebble.dns());
      AcmeIssuer.Issued issued = byDns.obtain(names);

      X509Certificate leaf = certificates(issued.chainPem()).get(0);
      List<String> altNames =
          leaf.getSubjectAlternativeNames().stream().map(name -> (String) name.get(1)).toList();
      assertThat(altNames).containsExactlyInAnyOrderElementsOf(names);
    }
  }

  private static X509Certificate servedCertificate(int port) throws Exception {
    SSLContext anyCertificate = TlsProbe.trustAll();
    try (SSLSocket socket =
        (SSLSocket) anyCertificate.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  private static List<X509Certificate> certificates(String pem) throws Exception {
    return CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
        .stream()
        .map(X509Certificate.class::cast)
        .toList();
  }
}
