package com.foobar.web.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Puts a new certificate chain and key into service on a running HTTPS connector: checked first (a
 * chain, a key that is the leaf's), written over the keystore file whole (so a restart serves it
 * too), then handed to Jetty's {@code SslContextFactory.reload}, which open connections outlive:
 * only new handshakes see the new certificate. Anything wrong changes nothing.
 */
public final class CertificateSwap {
  private final SslContextFactory.Server ssl;
  private final TlsConfig tls;

  private CertificateSwap(SslContextFactory.Server ssl, TlsConfig tls) {
    this.ssl = ssl;
    this.tls = tls;
  }

  /** For the HTTPS connector {@link TlsConnector} made with {@code tls}. */
  public static CertificateSwap of(ServerConnector connector, TlsConfig tls) {
    return new CertificateSwap(
        (SslContextFactory.Server)
            connector.getConnectionFactory(SslConnectionFactory.class).getSslContextFactory(),
        tls);
  }

  /**
   * @param chainPem the chain, leaf first
   * @param keyPem the leaf's private key
   * @throws IllegalArgumentException when the PEM is not a chain and its key
   */
  public void install(String chainPem, String keyPem) throws IOException {
    KeyStore keyStore = keyStore(chainPem, keyPem);
    byte[] file;
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      keyStore.store(bytes, tls.password().toCharArray());
      file = bytes.toByteArray();
    } catch (GeneralSecurityException e) {
      throw new IOException("web: cannot write the keystore: " + e.getMessage(), e);
    }
    OwnerOnlyFile.write(tls.keystore(), file);
    try {
      ssl.reload(factory -> factory.setKeyStore(keyStore));
    } catch (Exception e) {
      throw new IOException("web: the new certificate was not taken: " + e.getMessage(), e);
    }
  }

  /** A PEM private key: PKCS #8 ({@code PRIVATE KEY}) or OpenSSL's ({@code EC/RSA PRIVATE KEY}). */
  private static PrivateKey privateKey(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object read = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (read instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (read instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IOException("no private key in the key's PEM");
    }
  }

  /** Whether {@code key} signs what {@code publicKey} verifies: the pair belongs together. */
  private static boolean signs(PrivateKey key, PublicKey publicKey)
      throws GeneralSecurityException {
    String algorithm =
        "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
    byte[] probe = "foobar".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    try {
      verifier.initVerify(publicKey);
    } catch (InvalidKeyException otherKind) {
      return false;
    }
    verifier.update(probe);
    return verifier.verify(signature);
  }

  private KeyStore keyStore(String chainPem, String keyPem) throws IOException {
    try {
      List<? extends Certificate> chain =
          List.copyOf(
              CertificateFactory.getInstance("X.509")
                  .generateCertificates(
                      new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII))));
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("web: the certificate chain holds no certificate");
      }
      PrivateKey key = privateKey(keyPem);
      X509Certificate leaf = (X509Certificate) chain.get(0);
      if (!signs(key, leaf.getPublicKey())) {
        throw new IllegalArgumentException(
            "web: the key is not the one of " + leaf.getSubjectX500Principal().getName());
      }
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry(
          "foobar", key, tls.password().toCharArray(), chain.toArray(Certificate[]::new));
      return keyStore;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "web: not a certificate chain and its key: " + e.getMessage(), e);
    }
  }
}
