package com.foobar.dist.control;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One deploy or rollback at a time: an exclusive lock on {@code var/run/deploy.lock} held for the
 * whole command, so two rollouts never restart instances in turn with each other. Its own file:
 * var/releases.lock is taken for each change to the releases, within a deploy.
 */
final class DeployLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DeployLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @return the lock, or empty when another deploy or rollback holds it
   * @throws IOException if the lock file cannot be opened
   */
  static Optional<DeployLock> tryAcquire(Path home) throws IOException {
    Path file = Files.createDirectories(home.resolve("var/run")).resolve("deploy.lock");
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldInThisJvm) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    return Optional.of(new DeployLock(channel, lock));
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
