package com.foobar.dns.zone;

import java.io.BufferedInputStream;
import java.io.InputStream;

/**
 * Counts the newlines the zone parser has consumed, so every record (and every validation error)
 * can be tied to its line. dnsjava's tokenizer reads a {@link BufferedInputStream} byte by byte
 * without wrapping it again, so the count here is exactly how far it has read.
 */
final class LineCountingStream extends BufferedInputStream {
  private int newlines;
  private int last = '\n';

  LineCountingStream(InputStream in) {
    super(in);
  }

  @Override
  public synchronized int read() throws java.io.IOException {
    int c = super.read();
    if (c == '\n') {
      newlines++;
    }
    if (c >= 0) {
      last = c;
    }
    return c;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws java.io.IOException {
    // The tokenizer only uses read(); keep bulk reads counted too in case that changes.
    int n = super.read(b, off, len);
    for (int i = off; i < off + n; i++) {
      if (b[i] == '\n') {
        newlines++;
      }
      last = b[i];
    }
    return n;
  }

  /**
   * The line the parser's last complete record ended on: after a record the parser has consumed its
   * terminating newline, except on a last line that has none.
   */
  int lineOfLastRecord() {
    return last == '\n' ? newlines : newlines + 1;
  }
}
