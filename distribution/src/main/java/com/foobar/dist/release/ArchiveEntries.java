package com.foobar.dist.release;

import java.nio.file.Path;

/** The names a web archive may hold: relative paths that stay inside the release directory. */
final class ArchiveEntries {
  private ArchiveEntries() {}

  /**
   * Refuses a name that would land outside the directory it is extracted into ("zip slip"): an
   * absolute path, a drive letter, a backslash, or a {@code ..} segment.
   *
   * @throws ReleaseException naming the archive and the entry
   */
  static void check(Path archive, String name) {
    boolean escapes =
        name.startsWith("/")
            || name.contains("\\")
            || name.indexOf(':') >= 0
            || name.indexOf('\0') >= 0
            || java.util.Arrays.asList(name.split("/")).contains("..");
    if (escapes) {
      throw new ReleaseException(
          archive + ": entry '" + name + "' would be written outside the release directory");
    }
  }
}
