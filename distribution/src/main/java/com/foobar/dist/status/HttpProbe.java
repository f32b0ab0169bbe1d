package com.foobar.dist.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One GET with a short timeout: the status and the start of the body, or why it failed. */
final class HttpProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  record Answer(int status, String body, String error) {
    boolean ok() {
      return status == 200;
    }
  }

  Answer get(String url) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body().strip();
      return new Answer(
          response.statusCode(), body.length() > 120 ? body.substring(0, 120) + "…" : body, null);
    } catch (IOException e) {
      return new Answer(-1, "", "unreachable (" + describe(e) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, "", "interrupted");
    }
  }

  private static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "timed out";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
