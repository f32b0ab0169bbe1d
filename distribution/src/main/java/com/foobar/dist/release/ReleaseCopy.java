package com.foobar.dist.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Copies a web application into a new directory, every file and directory forced to disk, and
 * computes its checksum on the way: a .war is extracted (each entry checked, and bounded, so an
 * archive cannot write outside the directory or fill the disk), a directory copied file by file.
 */
final class ReleaseCopy {
  /** Far above any real application; a zip bomb stops here. */
  static final long MAX_BYTES = 2L << 30;

  static final int MAX_ENTRIES = 100_000;

  private ReleaseCopy() {}

  /**
   * @return the SHA-256 of the source: of the .war file's bytes, or of the directory's relative
   *     paths and contents in path order
   * @throws ReleaseException naming the source and what is wrong
   */
  static String copy(WebAppSource source, Path target) {
    try {
      Files.createDirectories(target);
      String sha256 =
          source.archive() ? extract(source.path(), target) : copyTree(source.path(), target);
      forceTree(target);
      return sha256;
    } catch (IOException e) {
      throw ReleaseException.io(source.path() + ": cannot copy it (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Through the archive's central directory ({@link ZipFile}), as {@link WebAppSource#inspect} read
   * it: the local headers a stream reads can disagree with it (a file with bytes before the
   * archive, as a self-extracting one has, would stream as no entries at all).
   */
  private static String extract(Path war, Path target) throws IOException {
    long total = 0;
    int entries = 0;
    try (ZipFile zip = new ZipFile(war.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        ArchiveEntries.check(war, entry.getName());
        if (++entries > MAX_ENTRIES) {
          throw new ReleaseException(war + ": more than " + MAX_ENTRIES + " entries");
        }
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) { // ArchiveEntries refused this already; twice is cheap
          throw new ReleaseException(war + ": entry '" + entry.getName() + "' escapes");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = zip.getInputStream(entry);
            OutputStream written = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
          byte[] buffer = new byte[64 * 1024];
          int n;
          while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > MAX_BYTES) {
              throw new ReleaseException(war + ": expands to more than " + MAX_BYTES + " bytes");
            }
            written.write(buffer, 0, n);
          }
        } catch (java.nio.file.FileAlreadyExistsException e) {
          throw new ReleaseException(war + ": entry '" + entry.getName() + "' appears twice");
        }
      }
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      // Bad compressed data or an entry cut short: the archive, not the disk.
      throw new ReleaseException(war + ": a corrupt archive (" + e.getMessage() + ")", e);
    }
    if (!Files.isDirectory(target.resolve("WEB-INF"), LinkOption.NOFOLLOW_LINKS)) {
      throw new ReleaseException(war + ": not a web application (no WEB-INF/ once extracted)");
    }
    MessageDigest digest = sha256();
    try (InputStream file = new DigestInputStream(Files.newInputStream(war), digest)) {
      file.transferTo(OutputStream.nullOutputStream()); // the checksum covers the whole file
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String copyTree(Path source, Path target) throws IOException {
    MessageDigest digest = sha256();
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(source)) {
      paths = walk.sorted().toList();
    }
    for (Path path : paths) {
      Path relative = source.relativize(path);
      Path out = target.resolve(relative.toString());
      if (Files.isSymbolicLink(path)) {
        // inspect() refused links; one made since would be copied as what it points to.
        throw new ReleaseException(source + ": " + relative + " is a symbolic link");
      }
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(out);
        continue;
      }
      digest.update(
          relative.toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
      digest.update((byte) 0);
      try (InputStream in =
          new DigestInputStream(Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS), digest)) {
        Files.copy(in, out);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** fsync of every file and directory under {@code root}, children before parents. */
  static void forceTree(Path root) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted(java.util.Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      force(path);
    }
  }

  /** fsync of one file or directory (Linux lets a directory be opened for reading and forced). */
  static void force(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException("no SHA-256 in this JDK", e));
    }
  }
}
