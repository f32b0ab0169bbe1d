package com.foobar.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 exchange over a plain socket, for what Java's HttpClient will not send (a Host of
 * our choosing, oversized headers): the whole response as text, the connection closed after it.
 */
final class RawHttp {
  private RawHttp() {}

  static String exchange(int port, String requestHead, byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        try {
          out.write(body);
        } catch (IOException refusedEarly) {
          // the server answered (413) and closed before reading it all: read what it said
        }
      }
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      try {
        while ((n = in.read(buffer)) != -1) {
          response.write(buffer, 0, n);
        }
      } catch (IOException reset) {
        // a reset after the response is still the response
      }
      return response.toString(StandardCharsets.ISO_8859_1);
    }
  }

  static String get(int port, String path, String host) throws IOException {
    return exchange(
        port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", null);
  }
}
