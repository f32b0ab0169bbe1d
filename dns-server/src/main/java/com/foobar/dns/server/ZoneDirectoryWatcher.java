package com.foobar.dns.server;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action (reloads the zones) when a file in a directory changes. Editors write in several
 * steps (truncate, write, rename), so events are gathered until the directory has been quiet for a
 * moment before the action runs once.
 */
public final class ZoneDirectoryWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ZoneDirectoryWatcher.class);
  private static final long QUIET_MILLIS = 300;

  private final WatchService watcher;
  private final Thread thread;

  public ZoneDirectoryWatcher(Path directory, Runnable reload) throws IOException {
    this(directory, reload, "dns-zone-watcher");
  }

  public ZoneDirectoryWatcher(Path directory, Runnable reload, String threadName)
      throws IOException {
    watcher = FileSystems.getDefault().newWatchService();
    directory.register(
        watcher,
        StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    thread = new Thread(() -> watch(reload, threadName), threadName);
    thread.setDaemon(true);
    thread.start();
  }

  private void watch(Runnable reload, String threadName) {
    try {
      while (true) {
        WatchKey key = watcher.take();
        drain(key);
        WatchKey more;
        while ((more = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
          drain(more);
        }
        try {
          reload.run();
        } catch (RuntimeException e) {
          log.warn("dns: {} failed", threadName, e);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closing
    }
  }

  private static void drain(WatchKey key) {
    key.pollEvents();
    key.reset();
  }

  @Override
  public void close() {
    try {
      watcher.close();
    } catch (IOException e) {
      // nothing left to do
    }
    thread.interrupt();
  }
}
