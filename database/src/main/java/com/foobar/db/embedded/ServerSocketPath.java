package com.foobar.db.embedded;

import com.foobar.db.DatabaseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Where the embedded server's Unix socket lives: in its data directory, unless that path is longer
 * than a socket address holds (107 bytes on Linux; mariadbd refuses to start past it, and every
 * client would fail to connect). Then in a directory of this user's own under the temporary
 * directory, named after the data directory, so that the server and the {@code foobar} commands
 * that reach it find the same one without being told. PostgreSQL and MariaDB's own packages keep
 * their sockets in /tmp or /run for the same reason.
 */
final class ServerSocketPath {
  static final int MAX_BYTES = 107;
  private static final String NAME = "mariadb.sock";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private ServerSocketPath() {}

  static Path of(Path dataDirectory) {
    Path inData = dataDirectory.toAbsolutePath().normalize().resolve(NAME);
    if (fits(inData)) {
      return inData;
    }
    return shortDirectory(dataDirectory).resolve(NAME);
  }

  /**
   * Makes the directory the socket goes in when it is not the data directory, and refuses one that
   * another user made or can write to: whoever owns it could put their own socket in our server's
   * place.
   */
  static Path prepare(Path dataDirectory) {
    Path socket = of(dataDirectory);
    if (!fits(socket)) {
      throw new DatabaseException(
          "the embedded MariaDB's socket path "
              + socket
              + " is longer than the "
              + MAX_BYTES
              + " bytes a Unix socket address holds: use a shorter data directory or "
              + "java.io.tmpdir");
    }
    Path directory = socket.getParent();
    if (directory.equals(dataDirectory.toAbsolutePath().normalize())) {
      return socket;
    }
    try {
      try {
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (FileAlreadyExistsException made) {
        // by an earlier start: checked below like any other
      }
      PosixFileAttributes attributes =
          Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      String user = System.getProperty("user.name");
      if (!attributes.isDirectory()
          || !attributes.owner().getName().equals(user)
          || !attributes.permissions().equals(OWNER_ONLY)) {
        throw new DatabaseException(
            "the embedded MariaDB's socket directory "
                + directory
                + " is not a directory that only "
                + user
                + " can use (rwx------): remove it and start again");
      }
    } catch (IOException e) {
      throw new DatabaseException(
          "cannot make the embedded MariaDB's socket directory " + directory + ": " + e, e);
    }
    return socket;
  }

  /** Removes the socket's own directory once the server has gone (mariadbd removes the socket). */
  static void release(Path dataDirectory) {
    Path directory = of(dataDirectory).getParent();
    if (directory.equals(dataDirectory.toAbsolutePath().normalize())) {
      return;
    }
    try {
      Files.deleteIfExists(directory);
    } catch (IOException notEmpty) {
      // a socket left by a server that did not stop cleanly: the next start replaces it
    }
  }

  private static boolean fits(Path socket) {
    return socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
  }

  private static Path shortDirectory(Path dataDirectory) {
    String path = dataDirectory.toAbsolutePath().normalize().toString();
    return Path.of(System.getProperty("java.io.tmpdir"))
        .resolve("foobar-mariadb-" + sha256(path).substring(0, 16));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
