package com.foobar.app;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The file an instance's Unix domain socket is bound to, made ready before the bind: its directory
 * created for this user alone (whoever can connect is served), and a socket left by an instance
 * that was killed removed, as the kernel refuses to bind over it. A socket something still listens
 * on, or a file that is not a socket, is refused rather than deleted.
 */
final class UnixSocketFile {
  private UnixSocketFile() {}

  static Path prepare(Path socket) throws IOException {
    Path directory = socket.toAbsolutePath().getParent();
    if (!Files.isDirectory(directory)) {
      try {
        Files.createDirectories(
            directory,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException raced) {
        // another instance made it first
      }
    }
    if (!Files.isWritable(directory)) {
      throw new IOException(
          "app: cannot make the socket " + socket + ": " + directory + " is not writable here");
    }
    BasicFileAttributes existing;
    try {
      existing = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException absent) {
      return socket;
    }
    if (!existing.isOther()) {
      throw new IOException("app: " + socket + " exists and is not a socket: not replaced");
    }
    if (listening(socket)) {
      throw new IOException("app: " + socket + " is in use by another process");
    }
    Files.delete(socket); // left by an instance that did not stop
    return socket;
  }

  private static boolean listening(Path socket) {
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      return probe.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException refused) {
      return false;
    }
  }
}
