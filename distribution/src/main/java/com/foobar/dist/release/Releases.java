package com.foobar.dist.release;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The application's releases under var/releases/, as Capistrano and Kamal keep them: one immutable
 * directory per release ({@code 7/webapp/} and {@code 7/release.properties}), a {@code current} and
 * a {@code previous} symbolic link, and {@code 7.failed} beside a release whose rollout failed,
 * with the reason. A release is written in a staging directory, forced to disk and renamed into
 * place, so a crash never leaves a half-written one; the links are swapped by rename, so a reader
 * sees the old target or the new one. Changes take an exclusive lock on {@code var/releases.lock},
 * so two deploys cannot interleave.
 */
public final class Releases {
  private static final String PROPERTIES = "release.properties";
  private static final String CURRENT = "current";
  private static final String PREVIOUS = "previous";

  private final Path directory;
  private final Clock clock;

  /**
   * @param directory var/releases of the package (made on first use)
   */
  public Releases(Path directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  /** The releases of the package at {@code home}: var/releases. */
  public static Releases of(Path home) {
    return new Releases(home.resolve("var/releases"), Clock.systemUTC());
  }

  public Path directory() {
    return directory;
  }

  /**
   * Copies the application into a new release; nothing else changes (it is not current yet).
   *
   * @throws ReleaseException naming what is wrong with the source; var/releases is then unchanged
   */
  public Release add(WebAppSource source) {
    return locked(
        () -> {
          int number = highestNumber() + 1;
          Path staging = directory.resolve(".staging-" + number);
          try {
            Files.createDirectories(directory);
            deleteLeftovers();
            deleteTree(staging); // left by a crash during an earlier add
            String sha256 = ReleaseCopy.copy(source, staging.resolve("webapp"));
            Release release =
                new Release(
                    number,
                    source.application(),
                    source.version(),
                    sha256,
                    clock.instant(),
                    source.path().toAbsolutePath().toString(),
                    directory.resolve(Integer.toString(number)).resolve("webapp"));
            writeProperties(staging.resolve(PROPERTIES), release);
            ReleaseCopy.forceTree(staging);
            Files.move(
                staging,
                directory.resolve(Integer.toString(number)),
                StandardCopyOption.ATOMIC_MOVE);
            ReleaseCopy.force(directory);
            return release;
          } catch (IOException e) {
            throw ReleaseException.io(
                "cannot write the release in " + directory + ": " + e.getMessage(), e);
          } finally {
            deleteTreeQuietly(staging);
          }
        });
  }

  /** Every release, oldest first. */
  public List<Release> list() {
    List<Release> releases = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return releases;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "[0-9]*")) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry) && entry.getFileName().toString().matches("[0-9]{1,9}")) {
          try {
            releases.add(read(entry));
          } catch (IOException | RuntimeException unreadable) {
            // Not a release any more (its properties gone by hand, a disk error): listing the
            // others, and every deploy, must go on; its number is never reused (see add).
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
    releases.sort(Comparator.comparingInt(Release::number));
    return releases;
  }

  public Optional<Release> find(int number) {
    return list().stream().filter(r -> r.number() == number).findFirst();
  }

  /** The release every instance runs; empty before the first deploy. */
  public Optional<Release> current() {
    return linked(CURRENT);
  }

  /**
   * The release {@code current} names when that release is not there (deleted by hand, or its
   * directory unreadable): what an instance must refuse to start on rather than silently run the
   * bundled store instead. Empty when the link is absent or sound.
   */
  public Optional<String> brokenCurrent() {
    Path link = directory.resolve(CURRENT);
    if (!Files.isSymbolicLink(link) || current().isPresent()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readSymbolicLink(link).toString());
    } catch (IOException e) {
      return Optional.of("?");
    }
  }

  /** The one that was current before it: what {@code foobar rollback} goes back to. */
  public Optional<Release> previous() {
    return linked(PREVIOUS);
  }

  public Release.State state(Release release) {
    if (current().map(Release::number).orElse(-1) == release.number()) {
      return Release.State.CURRENT;
    }
    if (previous().map(Release::number).orElse(-1) == release.number()) {
      return Release.State.PREVIOUS;
    }
    if (Files.exists(failureFile(release.number()))) {
      return Release.State.FAILED;
    }
    return Release.State.RETIRED;
  }

  /** Why a release's rollout failed, if it did. */
  public Optional<String> failure(Release release) {
    try {
      return Optional.of(
          Files.readString(failureFile(release.number()), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Makes a release current; the one current until now becomes the previous. */
  public void makeCurrent(Release release) {
    locked(
        () -> {
          Optional<Release> before = current();
          if (before.isPresent() && before.get().number() != release.number()) {
            link(PREVIOUS, before.get().number());
          }
          link(CURRENT, release.number());
          return null;
        });
  }

  /**
   * Puts both links back as they were before a change ({@code empty}: no such link, as before the
   * first deploy), when the rollout of a new current release failed.
   */
  public void restore(Optional<Release> current, Optional<Release> previous) {
    locked(
        () -> {
          relink(CURRENT, current);
          relink(PREVIOUS, previous);
          return null;
        });
  }

  private void relink(String name, Optional<Release> release) {
    if (release.isPresent()) {
      link(name, release.get().number());
      return;
    }
    try {
      Files.deleteIfExists(directory.resolve(name));
      ReleaseCopy.force(directory);
    } catch (IOException e) {
      throw ReleaseException.io(
          "cannot remove " + directory.resolve(name) + ": " + e.getMessage(), e);
    }
  }

  /** Records that a release's rollout failed (it stays on disk, for the operator to read). */
  public void markFailed(Release release, String reason) {
    locked(
        () -> {
          writeAtomically(failureFile(release.number()), reason + "\n");
          return null;
        });
  }

  /**
   * Deletes the oldest releases beyond the newest {@code keep}; the current and the previous one
   * are always kept.
   *
   * @return the numbers deleted
   */
  public List<Integer> prune(int keep) {
    return locked(
        () -> {
          List<Release> all = list();
          int current = current().map(Release::number).orElse(-1);
          int previous = previous().map(Release::number).orElse(-1);
          List<Integer> deleted = new ArrayList<>();
          for (int i = 0; i < all.size() - keep; i++) {
            int number = all.get(i).number();
            if (number != current && number != previous) {
              retire(number);
              deleted.add(number);
            }
          }
          return deleted;
        });
  }

  /**
   * Deletes a release by first renaming it out of the numbered names (atomic), so a crash halfway
   * through the delete leaves a {@code .deleting-N} that the next change removes, never a half
   * release that looks like one.
   */
  private void retire(int number) {
    Path release = directory.resolve(Integer.toString(number));
    Path doomed = directory.resolve(".deleting-" + number);
    try {
      deleteTree(doomed);
      Files.move(release, doomed, StandardCopyOption.ATOMIC_MOVE);
      ReleaseCopy.force(directory);
    } catch (IOException e) {
      return; // left as it was: the next prune tries again
    }
    deleteTreeQuietly(doomed);
    deleteTreeQuietly(failureFile(number));
  }

  /** What a crash left: staging or deleting directories of an earlier change. */
  private void deleteLeftovers() throws IOException {
    try (DirectoryStream<Path> leftovers =
        Files.newDirectoryStream(directory, ".{staging,deleting}-*")) {
      for (Path leftover : leftovers) {
        deleteTree(leftover);
      }
    }
  }

  /** The highest number a release directory has, readable or not (numbers are never reused). */
  private int highestNumber() {
    int highest = 0;
    if (!Files.isDirectory(directory)) {
      return highest;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "[0-9]*")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.matches("[0-9]{1,9}")) {
          highest = Math.max(highest, Integer.parseInt(name));
        }
      }
    } catch (IOException e) {
      throw ReleaseException.io("cannot list " + directory + ": " + e.getMessage(), e);
    }
    return highest;
  }

  private Optional<Release> linked(String name) {
    Path link = directory.resolve(name);
    try {
      if (!Files.isSymbolicLink(link)) {
        return Optional.empty();
      }
      int number = Integer.parseInt(Files.readSymbolicLink(link).toString());
      return find(number);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Points {@code name} at a release: a new link renamed over the old one, atomic on POSIX. */
  private void link(String name, int number) {
    Path temporary = directory.resolve("." + name + ".new");
    try {
      Files.deleteIfExists(temporary);
      Files.createSymbolicLink(temporary, Path.of(Integer.toString(number)));
      Files.move(
          temporary,
          directory.resolve(name),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      ReleaseCopy.force(directory);
    } catch (IOException e) {
      throw ReleaseException.io(
          "cannot point "
              + directory.resolve(name)
              + " at release "
              + number
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private Path failureFile(int number) {
    return directory.resolve(number + ".failed");
  }

  private Release read(Path releaseDirectory) throws IOException {
    Properties properties = new Properties();
    try (Reader in =
        Files.newBufferedReader(releaseDirectory.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    return new Release(
        Integer.parseInt(releaseDirectory.getFileName().toString()),
        properties.getProperty("application", "app"),
        properties.getProperty("version", "unversioned"),
        properties.getProperty("sha256", ""),
        Instant.parse(properties.getProperty("created", "1970-01-01T00:00:00Z")),
        properties.getProperty("source", ""),
        releaseDirectory.resolve("webapp"));
  }

  private static void writeProperties(Path file, Release release) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("application", release.application());
    properties.setProperty("version", release.version());
    properties.setProperty("sha256", release.sha256());
    properties.setProperty("created", release.created().toString());
    properties.setProperty("source", release.source());
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, "foobar release " + release.number());
    }
  }

  private void writeAtomically(Path file, String text) {
    Path temporary = file.resolveSibling("." + file.getFileName() + ".new");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      ReleaseCopy.force(temporary);
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      ReleaseCopy.force(directory);
    } catch (IOException e) {
      throw ReleaseException.io("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private <T> T locked(Supplier<T> change) {
    try {
      Files.createDirectories(directory.getParent());
      try (FileChannel lockFile =
              FileChannel.open(
                  // Beside the directory, not in it: a refused deploy leaves it as it was.
                  directory.resolveSibling(directory.getFileName() + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        return change.get();
      }
    } catch (IOException e) {
      throw ReleaseException.io("cannot lock " + directory + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static void deleteTreeQuietly(Path root) {
    try {
      deleteTree(root);
    } catch (IOException e) {
      // a leftover staging directory is removed by the next add
    }
  }
}
