package com.foobar.web.acme;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * acme4j's provider for any http(s) ACME directory, trusting the certificates of one PEM file for
 * the directory's own HTTPS: a private CA (step-ca, a company's), or Pebble in the tests. Public
 * CAs such as Let's Encrypt need none of this: the JVM's trust store has their roots.
 */
final class CaTrustingProvider extends GenericAcmeProvider {
  private final SSLContext trusting;

  private CaTrustingProvider(SSLContext trusting) {
    this.trusting = trusting;
  }

  /**
   * @throws IOException naming the file when it holds no certificate acme4j could trust
   */
  static CaTrustingProvider trusting(Path pemFile) throws IOException {
    return new CaTrustingProvider(sslContextTrusting(pemFile));
  }

  /** A TLS context that trusts the certificates of {@code pemFile}, and no other. */
  static SSLContext sslContextTrusting(Path pemFile) throws IOException {
    try (InputStream in = Files.newInputStream(pemFile)) {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int n = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trusted.setCertificateEntry("acme-ca-" + n++, certificate);
      }
      if (n == 0) {
        throw new IOException(pemFile + " holds no PEM certificate");
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(pemFile + ": " + e.getMessage(), e);
    }
  }

  /** acme4j's own client, with the trust above. */
  @Override
  public HttpClient createHttpClient(NetworkSettings settings) {
    HttpClient.Builder client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(settings.getTimeout())
            .proxy(settings.getProxySelector())
            .sslContext(trusting);
    if (settings.getAuthenticator() != null) {
      client.authenticator(settings.getAuthenticator());
    }
    return client.build();
  }
}
