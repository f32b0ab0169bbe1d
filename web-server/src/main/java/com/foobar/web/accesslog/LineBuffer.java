package com.foobar.web.accesslog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One thread's log lines not yet written, as bytes. Only printable ASCII goes in: everything else
 * is escaped as {@code \xHH} of its UTF-8 bytes, with {@code "} and {@code \} too, as nginx escapes
 * variables in its access log, so no request can forge a line or corrupt the file.
 */
final class LineBuffer {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes;
  private int length;

  LineBuffer(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  int length() {
    return length;
  }

  /** Back to {@code length}: a line that failed half way is not written half. */
  void truncate(int length) {
    this.length = length;
  }

  /** A character of the format itself, printable ASCII. */
  LineBuffer literal(char c) {
    room(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** Bytes already in the log's alphabet, such as a cached time stamp. */
  LineBuffer literal(byte[] ascii) {
    room(ascii.length);
    System.arraycopy(ascii, 0, bytes, length, ascii.length);
    length += ascii.length;
    return this;
  }

  /** A count such as a status or a size; {@code -} for a negative one (not known). */
  LineBuffer number(long number) {
    if (number < 0) {
      return literal('-');
    }
    int digits = 1;
    for (long rest = number / 10; rest > 0; rest /= 10) {
      digits++;
    }
    room(digits);
    for (int at = length + digits - 1; at >= length; at--) {
      bytes[at] = (byte) ('0' + number % 10);
      number /= 10;
    }
    length += digits;
    return this;
  }

  /**
   * Text Jetty decoded as UTF-8 (the request line), escaped: {@code -} when absent or empty, as
   * nginx writes an empty value; a character beyond ASCII as its UTF-8 bytes, the bytes it came as.
   */
  LineBuffer value(String text) {
    return escaped(text, false);
  }

  /**
   * A header value, escaped like {@link #value}; Jetty reads header bytes as ISO-8859-1, so a
   * character up to U+00FF is the byte received and is written as that one byte.
   */
  LineBuffer headerValue(String text) {
    return escaped(text, true);
  }

  private LineBuffer escaped(String text, boolean charsAreBytes) {
    if (text == null || text.isEmpty()) {
      return literal('-');
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        room(1);
        bytes[length++] = (byte) c;
      } else if (c < 0x80 || (charsAreBytes && c <= 0xff)) {
        escape(c);
      } else if (c < 0x800) {
        escape(0xc0 | c >> 6);
        escape(0x80 | c & 0x3f);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, text.charAt(++i));
        escape(0xf0 | codePoint >> 18);
        escape(0x80 | codePoint >> 12 & 0x3f);
        escape(0x80 | codePoint >> 6 & 0x3f);
        escape(0x80 | codePoint & 0x3f);
      } else {
        escape(0xe0 | c >> 12);
        escape(0x80 | c >> 6 & 0x3f);
        escape(0x80 | c & 0x3f);
      }
    }
    return this;
  }

  private void escape(int octet) {
    room(4);
    bytes[length++] = '\\';
    bytes[length++] = 'x';
    bytes[length++] = HEX[octet >> 4 & 0xf];
    bytes[length++] = HEX[octet & 0xf];
  }

  /**
   * The lines so far as one string without the last line's newline (the appender's pattern adds
   * it), and empty again. Every byte is ASCII, so the string is a plain copy.
   */
  String drain() {
    int end = length > 0 && bytes[length - 1] == '\n' ? length - 1 : length;
    String lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    length = 0;
    return lines;
  }

  private void room(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
