package com.foobar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.web.tls.Pem;
import com.foobar.web.tls.TlsConfig;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTPS with HTTP/2 over ALPN, h2c in clear text, the self-signed keystore, the redirect. */
public class HttpsIT {
  private static final List<String> NAMES =
      List.of("www.foobar.com", "foobar.com", "localhost", "127.0.0.1");

  @RegisterExtension
  static final RunningWeb web =
      RunningWeb.inFrontOf("app").configured(config -> config.withTls(tls(config, false)));

  /** HTTPS with a keystore beside the webroot, made with a self-signed certificate if missing. */
  private static TlsConfig tls(WebConfig config, boolean redirect) {
    return new TlsConfig(0, keystore(config), "s3cret-pw", NAMES, redirect);
  }

  private static Path keystore(WebConfig config) {
    return config.webRoot().resolveSibling("tls/keystore.p12");
  }

  @Test
  void servesHttp2OverTlsWithHstsFromASelfSignedCertificateMadeOnce() throws Exception {
    HttpResponse<String> response =
        trustingClient()
            .send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + web.httpsPort() + "/"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(TestSite.INDEX);
    assertThat(response.headers().firstValue("Strict-Transport-Security"))
        .hasValue("max-age=31536000; includeSubDomains");

    X509Certificate certificate = TlsProbe.peerCertificate(web.httpsPort(), "TLSv1.2");
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=www.foobar.com");
    List<Object> names =
        certificate.getSubjectAlternativeNames().stream()
            .map(entry -> (Object) entry.get(1))
            .toList();
    assertThat(names).containsExactly("www.foobar.com", "foobar.com", "localhost", "127.0.0.1");
    assertThat(TlsProbe.peerCertificate(web.httpsPort(), "TLSv1.3")).isEqualTo(certificate);
    FileTime made = Files.getLastModifiedTime(keystore(web.config()));
    try (WebServer again = new WebServer(web.config())) {
      again.start();
      assertThat(Files.getLastModifiedTime(keystore(web.config()))).isEqualTo(made);
      assertThat(again.httpsPort()).isPositive();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1", "TLSv1.1"})
  void refusesTls10And11WithAProtocolVersionAlert(String legacy) throws Exception {
    // The JDK's own policy refuses them too; this JVM's is relaxed (legacy-tls-allowed.security,
    // given by the failsafe configuration), so a refusal seen here is our connector's.
    assertThat(Security.getProperty("jdk.tls.disabledAlgorithms").split("\\s*,\\s*"))
        .as("the JVM's TLS policy, relaxed for this test by the failsafe argLine")
        .doesNotContain("TLSv1", "TLSv1.1");
    try (SSLSocket socket =
        (SSLSocket)
            TlsProbe.trustAll().getSocketFactory().createSocket("127.0.0.1", web.httpsPort())) {
      socket.setEnabledProtocols(new String[] {legacy}); // offered, and nothing newer

      assertThatThrownBy(socket::startHandshake)
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessage("Received fatal alert: protocol_version");
    }
  }

  @Test
  void servesHttp2OverTls12ChosenByAlpn() throws Exception {
    SSLParameters tls12 = new SSLParameters();
    tls12.setProtocols(new String[] {"TLSv1.2"});
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .sslContext(TlsProbe.trustAll())
            .sslParameters(tls12)
            .connectTimeout(Duration.ofSeconds(5))
            .build()
            .send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + web.httpsPort() + "/"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.2");
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(TestSite.INDEX);
  }

  @Test
  void speaksHttp2InClearTextToo() throws Exception {
    HttpResponse<String> response = web.send(web.request("/").version(HttpClient.Version.HTTP_2));

    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
  }

  @Test
  void redirectsPlainHttpToHttpsWhenAsked() throws Exception {
    try (WebServer redirecting = new WebServer(web.config().withTls(tls(web.config(), true)))) {
      redirecting.start();
      WebClient plain = new WebClient(redirecting.httpPort());
      int httpsPort = redirecting.httpsPort();
      String answer = plain.rawGet("/shop?x=1", "www.foobar.com");
      assertThat(answer).startsWith("HTTP/1.1 301 ");
      assertThat(answer)
          .contains("Location: https://www.foobar.com:" + httpsPort + "/shop?x=1\r\n");
      // An alias goes to the canonical name in the same redirect, not via https://foobar.com.
      assertThat(plain.rawGet("/shop", "foobar.com"))
          .startsWith("HTTP/1.1 301 ")
          .contains("Location: https://www.foobar.com:" + httpsPort + "/shop\r\n");
      HttpResponse<String> secure =
          trustingClient()
              .send(
                  HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + "/"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(secure.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void answersAcmeHttp01ChallengesBeforeAnyRedirect() throws Exception {
    try (WebServer redirecting = new WebServer(web.config().withTls(tls(web.config(), true)))) {
      redirecting.start();
      WebClient plain = new WebClient(redirecting.httpPort());
      String token = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
      String keyAuthorization = token + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
      redirecting.acmeChallenges().publish(token, keyAuthorization);

      // By an alias, on plain HTTP, with the redirects to HTTPS and to the canonical name on.
      String answer = plain.rawGet("/.well-known/acme-challenge/" + token, "foobar.com");
      assertThat(answer)
          .startsWith("HTTP/1.1 200 ")
          .contains("Content-Type: text/plain\r\n")
          .endsWith("\r\n\r\n" + keyAuthorization);
      // Not published: the site's usual answer, here the redirect.
      assertThat(plain.rawGet("/.well-known/acme-challenge/other", "foobar.com"))
          .startsWith("HTTP/1.1 301 ");
      // An encoded slash is refused by Jetty before any handler sees it.
      assertThat(plain.rawGet("/.well-known/acme-challenge/..%2Fsecret", "foobar.com"))
          .startsWith("HTTP/1.1 400 ");
      redirecting.acmeChallenges().withdraw(token);
      assertThat(plain.rawGet("/.well-known/acme-challenge/" + token, "foobar.com"))
          .startsWith("HTTP/1.1 301 ");
    }
    assertThatThrownBy(() -> web.server().acmeChallenges().publish("../x", "y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not base64url");
  }

  @Test
  void takesANewCertificateWithoutDroppingAnOpenConnection() throws Exception {
    Path keystore = web.webRoot().resolveSibling("tls/swap.p12");
    TlsConfig tls = new TlsConfig(0, keystore, "s3cret-pw", NAMES, false);
    try (WebServer swapping = new WebServer(web.config().withTls(tls))) {
      swapping.start();
      int port = swapping.httpsPort();
      try (SSLSocket open =
          (SSLSocket) TlsProbe.trustAll().getSocketFactory().createSocket("127.0.0.1", port)) {
        open.setEnabledProtocols(new String[] {"TLSv1.3"});
        assertThat(TlsProbe.get(open)).startsWith("HTTP/1.1 200 ");
        X509Certificate before = (X509Certificate) open.getSession().getPeerCertificates()[0];

        String[] renewed = selfSigned("CN=renewed");
        swapping.useCertificate(renewed[0], renewed[1]);

        // The open connection goes on, on the certificate it began with; a new one gets the new.
        assertThat(TlsProbe.get(open)).startsWith("HTTP/1.1 200 ");
        assertThat(open.getSession().getPeerCertificates()[0]).isEqualTo(before);
        X509Certificate after = TlsProbe.peerCertificate(port, "TLSv1.3");
        assertThat(after.getSubjectX500Principal().getName()).isEqualTo("CN=renewed");
        KeyStore onDisk = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
          onDisk.load(in, "s3cret-pw".toCharArray());
        }
        assertThat(onDisk.getCertificate("foobar")).isEqualTo(after); // a restart serves it too

        // A key that is not the certificate's: refused, and the certificate served stays.
        String[] other = selfSigned("CN=other");
        assertThatThrownBy(() -> swapping.useCertificate(renewed[0], other[1]))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("the key is not the one of CN=renewed");
        assertThat(TlsProbe.peerCertificate(port, "TLSv1.3")).isEqualTo(after);
      }
    }
  }

  /** A self-signed certificate for the site's names: its PEM and its key's. */
  private static String[] selfSigned(String subject) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = generator.generateKeyPair();
    X500Name name = new X500Name(subject);
    Instant now = Instant.now();
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minusSeconds(60)),
                        Date.from(now.plusSeconds(3600)),
                        name,
                        key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    StringWriter certificatePem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(certificatePem)) {
      writer.writeObject(certificate);
    }
    return new String[] {certificatePem.toString(), Pem.privateKey(key.getPrivate())};
  }

  private static HttpClient trustingClient() throws Exception {
    // 127.0.0.1 is among the certificate's names, so hostname checks pass as they are.
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .sslContext(TlsProbe.trustAll())
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }
}
