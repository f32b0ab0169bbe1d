package com.foobar.web.acme;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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
    writeOwnerOnly(file, pem.toString());
    return created;
  }

  /** Writes {@code text} to {@code file} atomically, readable and writable by the owner only. */
  static void writeOwnerOnly(Path file, String text) throws IOException {
    Path directory = Files.createDirectories(file.toAbsolutePath().getParent());
    Path temporary =
        Files.createTempFile(
            directory,
            "." + file.getFileName(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
