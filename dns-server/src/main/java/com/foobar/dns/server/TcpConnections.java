package com.foobar.dns.server;

import com.foobar.dns.answer.QueryHandler;
import com.foobar.dns.answer.WireQuestion;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves accepted TCP connections (RFC 7766): 2-byte length framing, any number of queries per
 * connection answered in order, closed after an idle timeout, at most a fixed number at once over
 * all addresses. Each connection has a platform thread from a pool, as many as the cap lets in.
 *
 * <p>Reads have timeouts; blocking writes have none, so a watchdog closes any connection whose
 * answer has not drained within {@link #WRITE_MILLIS}: a client that pipelines queries and never
 * reads the answers would otherwise hold its thread and slot for as long as it likes.
 */
public final class TcpConnections implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TcpConnections.class);

  private final QueryHandler handler;
  private static final long MESSAGE_IO_MILLIS = 500;
  private static final long WRITE_MILLIS = 2000;
  private static final long WATCHDOG_PERIOD_MILLIS = 250;

  private final ListenerStats stats;
  private final int idleTimeoutMillis;
  private final Semaphore slots;
  private final ThreadPoolExecutor pool;
  private final Set<WriteTimedSocket> open = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService watchdog;

  public TcpConnections(QueryHandler handler, ListenerStats stats, ServerLimits limits) {
    this.handler = handler;
    this.stats = stats;
    this.idleTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, limits.tcpIdleTimeout().toMillis());
    this.slots = new Semaphore(limits.maxTcpConnections());
    AtomicInteger counter = new AtomicInteger();
    // Threads are made on demand and reused; idle ones go away after 30 s. The slots are the cap,
    // not the pool: a slot is released as its task ends, a moment before its thread is back in the
    // pool, so a pool capped at the same number would refuse the next connection in that moment.
    this.pool =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> new Thread(r, "dns-tcp-" + counter.incrementAndGet()));
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dns-tcp-write-watchdog");
              t.setDaemon(true);
              return t;
            });
    watchdog.scheduleWithFixedDelay(
        this::closeStalledWriters,
        WATCHDOG_PERIOD_MILLIS,
        WATCHDOG_PERIOD_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  private void closeStalledWriters() {
    long now = System.nanoTime();
    for (WriteTimedSocket connection : open) {
      // Removed here, so a connection whose thread has not yet left its failed write when the
      // watchdog next runs (a busy machine) is not counted, and closed, a second time.
      if (connection.writingLongerThan(now, WRITE_MILLIS) && open.remove(connection)) {
        stats.tcpWriteTimeouts.increment();
        closeQuietly(connection.socket());
      }
    }
  }

  /** Takes over an accepted socket: serves it, or closes it at once when the cap is reached. */
  void serve(Socket socket) {
    if (!slots.tryAcquire()) {
      stats.tcpRejected.increment();
      closeQuietly(socket);
      return;
    }
    WriteTimedSocket connection = new WriteTimedSocket(socket);
    open.add(connection);
    try {
      pool.execute(
          () -> {
            try {
              converse(connection);
            } finally {
              open.remove(connection);
              closeQuietly(socket);
              slots.release();
            }
          });
    } catch (RejectedExecutionException e) { // shutting down
      open.remove(connection);
      closeQuietly(socket);
      slots.release();
    }
  }

  private void converse(WriteTimedSocket connection) {
    Socket socket = connection.socket();
    try {
      socket.setSoTimeout(idleTimeoutMillis);
      socket.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      OutputStream out = new BufferedOutputStream(connection.outputStream());
      byte[] buffer = new byte[65535];
      while (true) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException | SocketTimeoutException e) {
          return; // the client is done, or idle for too long
        }
        readMessage(socket, in, buffer, length);
        long begin = System.nanoTime();
        List<byte[]> responses = handler.handleTcp(buffer, length, socket.getInetAddress());
        if (responses == null) {
          stats.dropped.increment();
          return; // not a query: nothing sensible will follow on this stream
        }
        stats.queries.record(
            true,
            WireQuestion.type(buffer, length),
            responses.get(0)[3] & 0x0F,
            System.nanoTime() - begin);
        for (byte[] response : responses) {
          out.write(response.length >>> 8);
          out.write(response.length & 0xFF);
          out.write(response);
        }
        stats.answered.increment();
        // Pipelined queries already buffered get their answers in one write.
        if (in.available() == 0) {
          out.flush();
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!socket.isClosed()) {
        stats.failed.increment();
        log.debug(
            "tcp: connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
      }
    }
  }

  /**
   * Reads the body of a message whose length has arrived, within {@link #MESSAGE_IO_MILLIS} in all
   * (Knot's tcp-io-timeout): a client dribbling bytes to hold a connection slot is cut off instead
   * of keeping it for the whole idle timeout.
   */
  private void readMessage(Socket socket, DataInputStream in, byte[] buffer, int length)
      throws IOException {
    long deadline = System.nanoTime() + MESSAGE_IO_MILLIS * 1_000_000L;
    int read = 0;
    try {
      while (read < length) {
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000L;
        if (remainingMillis <= 0) {
          throw new SocketTimeoutException(
              "message not complete within " + MESSAGE_IO_MILLIS + " ms");
        }
        socket.setSoTimeout((int) remainingMillis);
        int n = in.read(buffer, read, length - read);
        if (n < 0) {
          throw new EOFException("connection closed inside a message");
        }
        read += n;
      }
    } finally {
      if (!socket.isClosed()) {
        socket.setSoTimeout(idleTimeoutMillis);
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing is all we wanted
    }
  }

  /** Closes every open connection and waits for their threads to end. */
  @Override
  public void close() {
    watchdog.shutdownNow();
    pool.shutdown();
    for (WriteTimedSocket connection : open) {
      closeQuietly(connection.socket());
    }
    boolean interrupted = false;
    try {
      while (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("tcp: waiting for connection threads to end");
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
