package com.foobar.web;

import com.foobar.web.proxy.BackendHealthChecker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An instance that passes its health check but drops every other request on the floor: it reads the
 * request and closes the connection without a response byte, as a crashing process does.
 */
final class FlakyBackend implements AutoCloseable {
  private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  private final AtomicInteger dropped = new AtomicInteger();
  private final Thread acceptor = new Thread(this::acceptLoop, "flaky-backend");

  FlakyBackend() throws IOException {
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        String head = readHead(client.getInputStream());
        if (head.startsWith("GET " + BackendHealthChecker.HEALTH_PATH + " ")) {
          OutputStream out = client.getOutputStream();
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } else {
          dropped.incrementAndGet();
        }
      } catch (IOException e) {
        // closed, or the client went away: next
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      head.append((char) c);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return head.toString();
  }

  /** Requests it dropped (everything but health checks). */
  int dropped() {
    return dropped.get();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
