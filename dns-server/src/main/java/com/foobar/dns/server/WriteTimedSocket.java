package com.foobar.dns.server;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A TCP connection that remembers when its current write began, so a watchdog can tell a write
 * blocked on a client that does not read from one that is merely in progress.
 */
final class WriteTimedSocket {
  private static final long NOT_WRITING = 0;

  private final Socket socket;
  private volatile long writeStartedNanos = NOT_WRITING;

  WriteTimedSocket(Socket socket) {
    this.socket = socket;
  }

  Socket socket() {
    return socket;
  }

  /** True while a write has been blocked for more than {@code millis}. */
  boolean writingLongerThan(long nowNanos, long millis) {
    long started = writeStartedNanos;
    return started != NOT_WRITING && nowNanos - started > millis * 1_000_000L;
  }

  /** The socket's stream, timing each write that reaches the socket. */
  OutputStream outputStream() throws IOException {
    return new FilterOutputStream(socket.getOutputStream()) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        writeStartedNanos = Math.max(1, System.nanoTime());
        try {
          out.write(b, off, len);
        } finally {
          writeStartedNanos = NOT_WRITING;
        }
      }

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }
    };
  }
}
