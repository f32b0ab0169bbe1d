package com.foobar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.web.proxy.BackendSpec;
import com.foobar.web.proxy.Balance;
import com.foobar.web.tls.TlsConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTPS with HTTP/2 over ALPN, h2c in clear text, the self-signed keystore, the redirect. */
class HttpsIT {
  private static final List<String> NAMES =
      List.of("www.foobar.com", "foobar.com", "localhost", "127.0.0.1");

  @TempDir Path dir;

  private WebServer start(boolean redirect) throws Exception {
    Path root = Files.createDirectories(dir.resolve("webroot"));
    Files.writeString(root.resolve("index.html"), "<!doctype html><title>tls</title>\n");
    Files.writeString(root.resolve("404.html"), "<!doctype html><title>404</title>\n");
    WebServer web =
        new WebServer(
            new WebConfig(
                "127.0.0.1",
                0,
                root,
                List.of(BackendSpec.of(URI.create("http://127.0.0.1:9"))),
                WebConfig.DEFAULT_HEALTH_CHECK_INTERVAL,
                WebConfig.DEFAULT_PROXY_TIMEOUT,
                "www.foobar.com",
                List.of("foobar.com"),
                "",
                new TlsConfig(0, dir.resolve("tls/keystore.p12"), "s3cret-pw", NAMES, redirect),
                false,
                null,
                Balance.ROUND_ROBIN));
    web.start();
    return web;
  }

  @Test
  void servesHttp2OverTlsWithHstsFromASelfSignedCertificateMadeOnce() throws Exception {
    FileTime made;
    try (WebServer web = start(false)) {
      HttpResponse<String> response =
          trustingClient()
              .send(
                  HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + web.httpsPort() + "/"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("<!doctype html><title>tls</title>\n");
      assertThat(response.headers().firstValue("Strict-Transport-Security"))
          .hasValue("max-age=31536000; includeSubDomains");

      X509Certificate certificate = peerCertificate(web.httpsPort(), "TLSv1.2");
      assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=www.foobar.com");
      List<Object> names =
          certificate.getSubjectAlternativeNames().stream()
              .map(entry -> (Object) entry.get(1))
              .toList();
      assertThat(names).containsExactly("www.foobar.com", "foobar.com", "localhost", "127.0.0.1");
      assertThat(peerCertificate(web.httpsPort(), "TLSv1.3")).isEqualTo(certificate);
      made = Files.getLastModifiedTime(dir.resolve("tls/keystore.p12"));
    }
    try (WebServer again = start(false)) {
      assertThat(Files.getLastModifiedTime(dir.resolve("tls/keystore.p12"))).isEqualTo(made);
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
    try (WebServer web = start(false);
        SSLSocket socket =
            (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", web.httpsPort())) {
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
    try (WebServer web = start(false)) {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_2)
              .sslContext(trustAll())
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
      assertThat(response.body()).isEqualTo("<!doctype html><title>tls</title>\n");
    }
  }

  @Test
  void speaksHttp2InClearTextToo() throws Exception {
    try (WebServer web = start(false)) {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_2)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.httpPort() + "/"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }
  }

  @Test
  void redirectsPlainHttpToHttpsWhenAsked() throws Exception {
    try (WebServer web = start(true)) {
      String answer = RawHttp.get(web.httpPort(), "/shop?x=1", "www.foobar.com");
      assertThat(answer).startsWith("HTTP/1.1 301 ");
      assertThat(answer)
          .contains("Location: https://www.foobar.com:" + web.httpsPort() + "/shop?x=1\r\n");
      // An alias goes to the canonical name in the same redirect, not via https://foobar.com.
      assertThat(RawHttp.get(web.httpPort(), "/shop", "foobar.com"))
          .startsWith("HTTP/1.1 301 ")
          .contains("Location: https://www.foobar.com:" + web.httpsPort() + "/shop\r\n");
      HttpResponse<String> secure =
          trustingClient()
              .send(
                  HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + web.httpsPort() + "/"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(secure.statusCode()).isEqualTo(200);
    }
  }

  private static X509Certificate peerCertificate(int port, String protocol) throws Exception {
    try (SSLSocket socket =
        (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setEnabledProtocols(new String[] {protocol});
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  private static HttpClient trustingClient() throws Exception {
    // 127.0.0.1 is among the certificate's names, so hostname checks pass as they are.
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .sslContext(trustAll())
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** Trusts any certificate: the self-signed one the tier makes. */
  static SSLContext trustAll() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    return context;
  }
}
