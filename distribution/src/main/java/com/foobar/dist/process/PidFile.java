package com.foobar.dist.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * var/run/&lt;name&gt;.pid: which running process serves a tier, so {@code foobar dns reload} can
 * signal it and {@code foobar stop}, {@code deploy} and {@code status} can find it. The first line
 * is the pid (what other tools read), the second the version of the package the process was started
 * from. Written once the tier listens; removed on a clean stop; a stale one (process gone) is
 * recognised and ignored.
 */
public final class PidFile {
  private final Path file;

  public PidFile(Path home, String name) {
    this.file = home.resolve("var/run").resolve(name + ".pid");
  }

  public void writeOwn() {
    writeOwn("");
  }

  /**
   * @param release what the process's app instances run ({@code release 3 (1.2.0)}, {@code the
   *     built-in store}), the file's third line; empty for a process without them
   */
  public void writeOwn(String release) {
    try {
      Files.createDirectories(file.getParent());
      String version = PidFile.class.getPackage().getImplementationVersion();
      Files.writeString(
          file,
          ProcessHandle.current().pid()
              + "\n"
              + (version == null ? "development" : version)
              + "\n"
              + (release.isEmpty() ? "" : release + "\n"),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stale file is recognised later
    }
  }

  /** The live process named in the file, if any. */
  public Optional<ProcessHandle> process() {
    try {
      long pid = Long.parseLong(line(0));
      return ProcessHandle.of(pid).filter(Liveness::running);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** What the process's app instances run, if the file says ({@code release 3 (1.2.0)}). */
  public Optional<String> release() {
    try {
      String release = line(2);
      return release.isEmpty() ? Optional.empty() : Optional.of(release);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The package version the process was started from, if the file says. */
  public Optional<String> version() {
    try {
      String version = line(1);
      return version.isEmpty() ? Optional.empty() : Optional.of(version);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private String line(int index) throws IOException {
    var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return index < lines.size() ? lines.get(index).strip() : "";
  }

  public Path path() {
    return file;
  }
}
