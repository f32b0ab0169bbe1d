package com.foobar.dist.release;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One release of the application: an immutable copy under var/releases/NUMBER/.
 *
 * @param number its number, one more than the newest before it
 * @param version the application's version (manifest or file name)
 * @param sha256 the checksum of what was deployed (the .war file, or the directory's files)
 * @param created when it was made
 * @param source the file or directory it was made from, as given
 * @param webApp the exploded web application an instance runs
 */
public record Release(
    int number, String version, String sha256, Instant created, String source, Path webApp) {

  /** Where a release stands, as {@code foobar releases} shows it. */
  public enum State {
    CURRENT,
    PREVIOUS,
    FAILED,
    RETIRED
  }
}
