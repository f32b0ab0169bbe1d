package com.foobar.web.acme;

import com.foobar.web.tls.OwnerOnlyFile;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.function.Supplier;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * Key and certificate files as a CA client must keep them: owner-only (0600), and written whole or
 * not at all (a temporary file beside the target, fsynced, then renamed over it), so a crash never
 * leaves half a key or a chain without its key.
 */
final class KeyFiles {
  private KeyFiles() {}

  /** The key pair in {@code file}, or a new one from {@code create}, written there first. */
  static KeyPair readOrCreate(Path file, Supplier<KeyPair> create) throws IOException {
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
        return KeyPairUtils.readKeyPair(in);
      }
    }
    KeyPair created = create.get();
    StringWriter pem = new StringWriter();
    KeyPairUtils.writeKeyPair(created, pem);
    OwnerOnlyFile.write(file, pem.toString().getBytes(StandardCharsets.US_ASCII));
    return created;
  }
}
