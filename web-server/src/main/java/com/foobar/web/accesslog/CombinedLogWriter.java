package com.foobar.web.accesslog;

import java.io.IOException;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;

/**
 * Writes Jetty's NCSA combined lines to a logger, with {@code "-"} for a Referer or User-Agent the
 * request did not carry, as nginx and Apache write it (Jetty writes {@code ""}, which some log
 * analysers read as a present, empty value).
 */
public final class CombinedLogWriter extends Slf4jRequestLogWriter {
  private static final String ABSENT = " \"\"";
  private static final String DASH = " \"-\"";

  public CombinedLogWriter(String loggerName) {
    setLoggerName(loggerName);
  }

  @Override
  public void write(String line) throws IOException {
    super.write(dashed(line));
  }

  /** Jetty escapes quotes inside values, so {@code ""} after a space is always an empty field. */
  static String dashed(String line) {
    if (line.indexOf(ABSENT) < 0) {
      return line;
    }
    String dashed = line.replace(ABSENT + " ", DASH + " ");
    return dashed.endsWith(ABSENT)
        ? dashed.substring(0, dashed.length() - ABSENT.length()) + DASH
        : dashed;
  }
}
