package com.foobar.dist.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * var/run/&lt;name&gt;.pid: which running process serves a tier, so {@code foobar dns reload} can
 * signal it. Removed on a clean stop; a stale one (process gone) is recognised and ignored.
 */
public final class PidFile {
  private final Path file;

  public PidFile(Path home, String name) {
    this.file = home.resolve("var/run").resolve(name + ".pid");
  }

  void writeOwn() {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stale file is recognised later
    }
  }

  /** The live process named in the file, if any. */
  public Optional<ProcessHandle> process() {
    try {
      long pid = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public Path path() {
    return file;
  }
}
