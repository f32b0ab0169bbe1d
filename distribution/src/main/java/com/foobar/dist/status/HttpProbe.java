package com.foobar.dist.status;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One GET of a stack endpoint with a short timeout: the status and the body, or why it failed.
 * Plain HTTP through {@link HttpURLConnection}: {@code java.net.http.HttpClient} builds the default
 * TLS context (all the CA certificates) before its first request, a quarter of a second of every
 * {@code foobar status} and deploy for endpoints that never speak TLS.
 */
public final class HttpProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final int MAX_BODY = 1 << 20;

  /** {@code status} -1 when there was no answer, and {@code error} says why. */
  public record Answer(int status, String body, String error) {
    public boolean ok() {
      return status == 200;
    }

    /** The start of the body, for one line of status. */
    String shortBody() {
      String text = body.strip();
      return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
  }

  public Answer get(URI url) {
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) url.toURL().openConnection();
      connection.setConnectTimeout((int) TIMEOUT.toMillis());
      connection.setReadTimeout((int) TIMEOUT.toMillis());
      connection.setUseCaches(false);
      int status = connection.getResponseCode();
      InputStream stream =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String body = "";
      if (stream != null) {
        try (InputStream in = stream) {
          body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        }
      }
      return new Answer(status, body, null);
    } catch (IOException e) {
      return new Answer(-1, "", "unreachable (" + describe(e) + ")");
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  private static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof SocketTimeoutException) {
      return "timed out";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
