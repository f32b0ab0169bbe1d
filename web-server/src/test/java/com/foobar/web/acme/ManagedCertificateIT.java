package com.foobar.web.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.web.Await;
import com.foobar.web.TlsProbe;
import com.foobar.web.WebConfig;
import com.foobar.web.WebServer;
import com.foobar.web.tls.TlsConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web tier's certificate kept current from a real ACME CA (Pebble): obtained in the background
 * while the self-signed one serves, renewed at two thirds of a short lifetime while a client keeps
 * a connection open (it is not dropped; new handshakes get the new certificate), served again at
 * once after a restart, and kept, with the reason recorded and retried, when the CA is unreachable.
 */
class ManagedCertificateIT {
  private static final List<String> NAMES = List.of("www.foobar.test", "foobar.test");
  private static final URI UNREACHABLE = URI.create("https://127.0.0.1:1/dir");

  @Test
  void obtainsInTheBackgroundAndRenewsWithoutDroppingAnOpenConnection(@TempDir Path work)
      throws Exception {
    try (WebServer web = web(work)) {
      X509Certificate selfSigned = TlsProbe.peerCertificate(web.httpsPort(), "TLSv1.3");
      // 6 s certificates: renewed from 4 s on.
      try (Pebble pebble = Pebble.start(work, web.httpPort(), Duration.ofSeconds(6), null);
          ManagedCertificate managed = managed(web, pebble.directory(), pebble, work)) {
        managed.start();
        Await.until(Duration.ofSeconds(30), () -> managed.renewals() >= 1);

        try (SSLSocket open =
            (SSLSocket)
                TlsProbe.trustAll().getSocketFactory().createSocket("127.0.0.1", web.httpsPort())) {
          open.setEnabledProtocols(new String[] {"TLSv1.3"});
          assertThat(TlsProbe.get(open)).startsWith("HTTP/1.1 200 ");
          // What this connection began with, whichever renewal the background got to by now.
          X509Certificate first = (X509Certificate) open.getSession().getPeerCertificates()[0];
          long renewalsAtOpen = managed.renewals();
          assertThat(first).isNotEqualTo(selfSigned);
          assertThat(first.getIssuerX500Principal().getName()).contains("Pebble Intermediate");
          CertificateStatus status = managed.status();
          assertThat(status.names()).isEqualTo(NAMES);
          assertThat(status.issuer()).isEqualTo(first.getIssuerX500Principal().getName());
          assertThat(status.lastError()).isNull();
          Path stored = work.resolve("acme/certificate.pem");
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)))
              .isEqualTo("rw-------");

          Await.until(Duration.ofSeconds(30), () -> managed.renewals() > renewalsAtOpen);

          X509Certificate renewed = TlsProbe.peerCertificate(web.httpsPort(), "TLSv1.3");
          assertThat(renewed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
          assertThat(renewed.getNotAfter()).isAfter(first.getNotAfter());
          assertThat(TlsProbe.get(open)).startsWith("HTTP/1.1 200 "); // the same connection
          assertThat(open.getSession().getPeerCertificates()[0]).isEqualTo(first);
          CertificateStatus now = managed.status();
          assertThat(now.notAfter()).isAfter(first.getNotAfter().toInstant());
          assertThat(now.nextAttempt()).isEqualTo(now.renewAt());
          assertThat(new CertificateStore(work.resolve("acme")).snapshot().renewAt())
              .isEqualTo(now.renewAt());
        }
        assertThat(managed.failures()).isZero();
      }
    }
  }

  @Test
  void servesTheStoredCertificateAtOnceAfterARestart(@TempDir Path work) throws Exception {
    X509Certificate obtained;
    try (WebServer web = web(work);
        Pebble pebble = Pebble.start(work, web.httpPort());
        ManagedCertificate managed = managed(web, pebble.directory(), pebble, work)) {
      managed.start();
      Await.until(Duration.ofSeconds(30), () -> managed.renewals() == 1);
      obtained = TlsProbe.peerCertificate(web.httpsPort(), "TLSv1.3");
    }
    // The CA gone, the keystore made self-signed again: the stored certificate serves as soon
    // as start returns, and nobody asks the CA (it is not due).
    Files.delete(work.resolve("tls/keystore.p12"));
    try (WebServer web = web(work);
        ManagedCertificate managed = managed(web, UNREACHABLE, null, work)) {
      managed.start();
      assertThat(TlsProbe.peerCertificate(web.httpsPort(), "TLSv1.3")).isEqualTo(obtained);
      assertThat(managed.status().notAfter()).isEqualTo(obtained.getNotAfter().toInstant());
      assertThat(managed.failures()).isZero();
    }
  }

  @Test
  void keepsTheSelfSignedCertificateAndRetriesWhenTheCaIsUnreachable(@TempDir Path work)
      throws Exception {
    try (WebServer web = web(work);
        ManagedCertificate managed = managed(web, UNREACHABLE, null, work)) {
      X509Certificate selfSigned = TlsProbe.peerCertificate(web.httpsPort(), "TLSv1.3");
      managed.start();

      Await.until(Duration.ofSeconds(20), () -> managed.failures() == 1);
      CertificateStatus failed = managed.status();
      assertThat(failed.lastError()).startsWith("ACME with " + UNREACHABLE + ": ");
      assertThat(failed.issuer()).isNull();
      // The first retry after the test's 1 s backoff, then 2 s: the backoff doubles.
      assertThat(Duration.between(failed.lastAttempt(), failed.nextAttempt()))
          .isEqualTo(Duration.ofSeconds(1));
      Await.until(Duration.ofSeconds(20), () -> managed.failures() == 2);
      CertificateStatus again = managed.status();
      assertThat(Duration.between(again.lastAttempt(), again.nextAttempt()))
          .isEqualTo(Duration.ofSeconds(2));
      assertThat(new CertificateStore(work.resolve("acme")).snapshot().lastError())
          .isEqualTo(again.lastError());
      assertThat(TlsProbe.peerCertificate(web.httpsPort(), "TLSv1.3")).isEqualTo(selfSigned);
      assertThat(work.resolve("acme/certificate.pem")).doesNotExist();
    }
  }

  private static WebServer web(Path work) throws Exception {
    Path site = Files.createDirectories(work.resolve("site"));
    Files.writeString(site.resolve("index.html"), "<!doctype html><title>t</title>");
    WebServer web =
        new WebServer(
            WebConfig.serving(site)
                .withHttpPort(Pebble.freePort())
                .withBackendUris(List.of(URI.create("http://127.0.0.1:9")))
                .withTls(
                    new TlsConfig(0, work.resolve("tls/keystore.p12"), "pw-test", NAMES, false)));
    web.start();
    return web;
  }

  private static ManagedCertificate managed(
      WebServer web, URI directory, Pebble pebble, Path work) {
    AcmeIssuer issuer =
        new AcmeIssuer(
            directory,
            pebble == null ? null : pebble.directoryCa(),
            null,
            work.resolve("acme/account.key"),
            web.acmeChallenges());
    return new ManagedCertificate(
        issuer, NAMES, work.resolve("acme"), web::useCertificate, Duration.ofSeconds(1));
  }
}
