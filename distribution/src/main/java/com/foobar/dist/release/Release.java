package com.foobar.dist.release;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One release of the application: an immutable copy under var/releases/NUMBER/.
 *
 * @param number its number, one more than the newest before it
 * @param application the application's name (manifest or file name), which names its database
 * @param version the application's version (manifest or file name)
 * @param sha256 the checksum of what was deployed (the .war file, or the directory's files)
 * @param created when it was made
 * @param source the file or directory it was made from, as given
 * @param webApp the exploded web application an instance runs
 */
public record Release(
    int number,
    String application,
    String version,
    String sha256,
    Instant created,
    String source,
    Path webApp) {
  /** The bundled store's name (the Implementation-Title of its WAR). */
  public static final String STORE = "foobar-store";

  /**
   * The database this release's application keeps its tables in, on the stack's server: {@code
   * <db.name>_<application>} in lower case, letters, digits and {@code _} only (at most 64, as
   * MariaDB allows). An application of its own per database, so its migrations start at V1 and its
   * tables cannot meet the store's: the bundled store ({@value #STORE}, deployed as a release or
   * not) keeps {@code db.name} itself.
   */
  public String database(String stackDatabase) {
    if (application.equals(STORE)) {
      return stackDatabase; // its tables and data predate releases; the db tier migrates them
    }
    String name = application.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    String database = stackDatabase + "_" + name;
    return database.length() <= 64 ? database : database.substring(0, 64);
  }

  /** Where a release stands, as {@code foobar releases} shows it. */
  public enum State {
    CURRENT,
    PREVIOUS,
    FAILED,
    RETIRED
  }
}
