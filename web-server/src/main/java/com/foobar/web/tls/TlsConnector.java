package com.foobar.web.tls;

import com.foobar.web.SelectorThreads;
import java.io.IOException;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS connector: TLS 1.2 and 1.3 only, HTTP/2 chosen by ALPN with HTTP/1.1 as the fallback,
 * ciphers ordered for HTTP/2 (RFC 7540 9.2.2 blocklist last).
 */
public final class TlsConnector {
  private TlsConnector() {}

  /**
   * @param plain the plain connector's configuration, copied and marked secure
   * @throws IOException if the keystore is missing and cannot be made
   */
  public static ServerConnector create(Server server, HttpConfiguration plain, TlsConfig tls)
      throws IOException {
    if (!tls.selfSignedNames().isEmpty()) {
      SelfSignedKeystore.ensure(tls.keystore(), tls.password(), tls.selfSignedNames());
    } else if (!java.nio.file.Files.isReadable(tls.keystore())) {
      throw new IOException("web: keystore " + tls.keystore() + " cannot be read");
    }
    HttpConfiguration https = new HttpConfiguration(plain);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false); // answer by IP or any alias, as nginx's default server does
    https.addCustomizer(secure);

    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
    ssl.setKeyStoreType("PKCS12");
    ssl.setKeyStorePassword(tls.password());
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);

    HttpConnectionFactory http1 = new HttpConnectionFactory(https);
    HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(https);
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
    alpn.setDefaultProtocol(http1.getProtocol());
    ServerConnector connector =
        new ServerConnector(
            server,
            -1,
            SelectorThreads.perSide(),
            new SslConnectionFactory(ssl, alpn.getProtocol()),
            alpn,
            http2,
            http1);
    connector.setPort(tls.port());
    return connector;
  }
}
