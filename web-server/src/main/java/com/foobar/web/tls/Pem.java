package com.foobar.web.tls;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;

/** PEM text as TLS servers read it. */
public final class Pem {
  private Pem() {}

  /** A private key as PKCS #8 ({@code BEGIN PRIVATE KEY}), which nginx, Go and Jetty all read. */
  public static String privateKey(PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }
}
