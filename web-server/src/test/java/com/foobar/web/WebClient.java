package com.foobar.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A real HTTP client for one port of a running WebServer, with raw exchanges ({@link RawHttp}) for
 * what Java's HttpClient will not send, such as a Host of our choosing.
 */
final class WebClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;

  WebClient(int port) {
    this.port = port;
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10));
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET {@code path} with this Host, over a connection of its own: the whole response as text. */
  String rawGet(String path, String host) throws IOException {
    return RawHttp.get(port, path, host);
  }

  /** This request head (and body, if not null) as given: the whole response as text. */
  String rawExchange(String requestHead, byte[] body) throws IOException {
    return RawHttp.exchange(port, requestHead, body);
  }
}
