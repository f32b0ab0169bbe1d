package com.foobar.web.tls;

import java.nio.file.Path;
import java.util.List;

/**
 * HTTPS of the front tier.
 *
 * @param port the HTTPS port; 0 picks a free one
 * @param keystore a PKCS#12 keystore with the site's key and certificate chain
 * @param password the keystore's password (and its key's)
 * @param selfSignedNames when the keystore does not exist, one is made with a self-signed
 *     certificate for these names (the first is the subject); empty: a missing keystore is an error
 * @param redirect whether plain HTTP requests get a 301 to HTTPS
 */
public record TlsConfig(
    int port, Path keystore, String password, List<String> selfSignedNames, boolean redirect) {
  public TlsConfig {
    selfSignedNames = List.copyOf(selfSignedNames);
  }
}
