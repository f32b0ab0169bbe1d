package com.foobar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What the HTTPS tests ask of a server: the certificate it presents, a GET on an open connection.
 */
public final class TlsProbe {
  private TlsProbe() {}

  /** Trusts any certificate: the self-signed one the tier makes, or one a test CA issued. */
  public static SSLContext trustAll() throws Exception {
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

  /** The certificate a new handshake with {@code protocol} on 127.0.0.1:{@code port} gets. */
  public static X509Certificate peerCertificate(int port, String protocol) throws Exception {
    try (SSLSocket socket =
        (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setEnabledProtocols(new String[] {protocol});
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /** One keep-alive GET / on {@code socket}: the status line and headers, the body read whole. */
  public static String get(SSLSocket socket) throws Exception {
    var out = socket.getOutputStream();
    out.write("GET / HTTP/1.1\r\nHost: www.foobar.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    var in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("connection closed after: " + head);
      }
      head.append((char) b);
    }
    var length = java.util.regex.Pattern.compile("(?i)Content-Length: (\\d+)").matcher(head);
    if (length.find()) {
      in.readNBytes(Integer.parseInt(length.group(1)));
    }
    return head.toString();
  }
}
