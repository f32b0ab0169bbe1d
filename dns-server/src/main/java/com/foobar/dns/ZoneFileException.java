package com.foobar.dns;

/**
 * A zone file (or zone directory) that cannot be served. The message names the file and, where
 * there is one, the line: {@code "/path/conf/zones/foobar.com.zone line 7: invalid address"}.
 */
public final class ZoneFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the file and line, and what is wrong there
   */
  public ZoneFileException(String message) {
    super(message);
  }

  /**
   * @param message names the file and line, and what is wrong there
   * @param cause the parser's or file system's exception
   */
  public ZoneFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
