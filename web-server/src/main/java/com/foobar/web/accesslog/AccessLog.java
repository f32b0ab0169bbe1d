package com.foobar.web.accesslog;

import java.time.Duration;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web tier's access log: one NCSA combined line per request ({@link CombinedFormat}), written
 * the way nginx writes {@code access_log ... buffer=64k flush=1s}. Each thread formats into its own
 * buffer, so a request takes no shared lock and makes no system call; a buffer goes to the logger
 * as one event when it holds 64 KB, and every buffer at least once a second. The logger (the
 * distribution's logback configuration) owns the file and its rotation; it receives lines in
 * batches, one event per batch, so its pattern must be {@code %msg%n} alone.
 *
 * <p>Stopping writes out every buffer, and lines logged after that (a request finishing during the
 * stop) are written at once: nothing is lost on a graceful stop. A crash loses at most the last
 * second, as with nginx.
 */
public final class AccessLog extends AbstractLifeCycle implements RequestLog {
  private static final int FLUSH_BYTES = 64 * 1024;
  private static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

  /** Appends one line for {@code first} and {@code second} to a buffer. */
  interface LineFormat<A, B> {
    void append(LineBuffer out, A first, B second);
  }

  /** A thread's buffer; its monitor is only ever contended by the once-a-second flush. */
  private static final class ThreadLines {
    final Thread owner = Thread.currentThread();
    final LineBuffer lines = new LineBuffer(4096);
  }

  private final Logger lines;
  private final int flushBytes;
  private final Duration flushEvery;
  private final LineFormat<Request, Response> combined = new CombinedFormat()::append;
  private final Queue<ThreadLines> threads = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<ThreadLines> mine = ThreadLocal.withInitial(this::register);
  private final AtomicBoolean failureLogged = new AtomicBoolean();
  private volatile boolean writeThrough = true; // until started, and again once stopped
  private ScheduledExecutorService flusher;

  public AccessLog(String loggerName) {
    this(LoggerFactory.getLogger(loggerName), FLUSH_BYTES, FLUSH_EVERY);
  }

  AccessLog(Logger lines, int flushBytes, Duration flushEvery) {
    this.lines = lines;
    this.flushBytes = flushBytes;
    this.flushEvery = flushEvery;
  }

  @Override
  public void log(Request request, Response response) {
    log(request, response, combined);
  }

  <A, B> void log(A first, B second, LineFormat<A, B> format) {
    if (!lines.isInfoEnabled()) {
      return;
    }
    ThreadLines buffer = mine.get();
    synchronized (buffer) {
      int lineStart = buffer.lines.length();
      try {
        format.append(buffer.lines, first, second);
      } catch (RuntimeException e) {
        buffer.lines.truncate(lineStart);
        if (failureLogged.compareAndSet(false, true)) {
          log.warn("web: a request could not be written to the access log (not said again)", e);
        }
        return;
      }
      if (writeThrough || buffer.lines.length() >= flushBytes) {
        write(buffer);
      }
    }
  }

  @Override
  protected void doStart() {
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "web-access-log");
              thread.setDaemon(true);
              return thread;
            });
    writeThrough = false;
    long every = flushEvery.toNanos();
    flusher.scheduleWithFixedDelay(this::flushAll, every, every, TimeUnit.NANOSECONDS);
  }

  @Override
  protected void doStop() throws InterruptedException {
    writeThrough = true; // from here on each line is written as it comes
    flusher.shutdown();
    try {
      flusher.awaitTermination(5, TimeUnit.SECONDS);
    } finally {
      flushAll(); // interrupted or not
    }
  }

  private ThreadLines register() {
    ThreadLines buffer = new ThreadLines();
    threads.add(buffer);
    return buffer;
  }

  /** Every buffer out; a finished thread's buffer is dropped once written. */
  private void flushAll() {
    for (Iterator<ThreadLines> each = threads.iterator(); each.hasNext(); ) {
      ThreadLines buffer = each.next();
      // Read before the write: a thread seen finished here has appended its last line already.
      boolean finished = !buffer.owner.isAlive();
      try {
        synchronized (buffer) {
          write(buffer);
        }
      } catch (RuntimeException e) {
        log.warn("web: cannot write the access log: {}", e.toString());
      }
      if (finished) {
        each.remove();
      }
    }
  }

  private void write(ThreadLines buffer) {
    if (buffer.lines.length() > 0) {
      lines.info(buffer.lines.drain());
    }
  }
}
