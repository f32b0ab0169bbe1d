package com.foobar.web.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A key or certificate file as a server must keep it: owner-only (0600), and written whole or not
 * at all (a temporary file beside it, fsynced, renamed over it), so a crash never leaves half a
 * key.
 */
public final class OwnerOnlyFile {
  private OwnerOnlyFile() {}

  public static void write(Path file, byte[] content) throws IOException {
    Path directory = Files.createDirectories(file.toAbsolutePath().getParent());
    Path temporary =
        Files.createTempFile(
            directory,
            "." + file.getFileName(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(content));
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
