package com.foobar.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.web.tls.TlsConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop finishes what is in flight, and serves (not refuses with 503) a request that arrives
 * meanwhile on a connection that was already open, telling the client to close it, as nginx does.
 */
class GracefulStopIT {
  @TempDir Path site;

  @Test
  void servesARequestOnAnOpenConnectionWhileDrainingAndClosesTheConnection() throws Exception {
    drainWhileARequestArrives(null, "HTTP/1.1 200 ");
  }

  @Test
  void redirectsToHttpsWhileDrainingWithoutDeadlockingTheStop() throws Exception {
    // The redirect reads the HTTPS port while the stop is under way: a lock held by close() once
    // blocked the selector thread here, and the stop waited for that thread forever.
    TlsConfig tls =
        new TlsConfig(0, site.resolve("tls/keystore.p12"), "s3cret-pw", List.of("127.0.0.1"), true);
    drainWhileARequestArrives(tls, "HTTP/1.1 301 ");
  }

  private void drainWhileARequestArrives(TlsConfig tls, String expectedStatus) throws Exception {
    Path root = TestSite.in(site);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (EchoBackend slow = EchoBackend.holding("slow")) {
      // A stop closes connections idle for a second and gives up on requests after five: windows a
      // busy machine can outlast between two steps of this test. With a minute for each, the open
      // connection is still there when its request comes, and the held one still waited for.
      WebServer web =
          new WebServer(
              WebConfig.serving(root)
                  .withBackendUris(List.of(slow.uri()))
                  .withHealthCheckInterval(Duration.ofHours(1))
                  .withTls(tls),
              new StopTimeouts(Duration.ofMinutes(1), Duration.ofMinutes(1)));
      web.start();
      int port = web.httpPort();
      int httpsPort = web.httpsPort();
      // Over HTTPS when plain HTTP only redirects; HTTP/1.1, so that the stop's answer to it is a
      // Connection: close rather than an HTTP/2 GOAWAY.
      try (Socket keptAlive = new Socket("127.0.0.1", port);
          Socket held = tls == null ? new Socket("127.0.0.1", port) : tlsSocket(httpsPort)) {
        keptAlive.setSoTimeout(10_000);
        held.setSoTimeout(10_000);
        Future<String> inFlight =
            pool.submit(
                () -> {
                  try (held) {
                    return exchange(held, "/api/slow", true);
                  }
                });
        Await.until(() -> slow.held() == 1);
        String before = exchange(keptAlive, "/index.html", false);
        assertThat(before).startsWith(expectedStatus).doesNotContain("connection:");
        // Done on the server's side too: after its last write Jetty half-closes a keep-alive
        // connection if a stop has begun by then, which the client has no way to see coming.
        Await.until(() -> web.inFlight() == 1); // the held request only
        Future<?> stopped = pool.submit(web::close);
        // The stop has begun: no new connections, on either port (the redirect names the other).
        Await.until(() -> refused(port) && (tls == null || refused(httpsPort)));

        String during = exchange(keptAlive, "/index.html", false);

        assertThat(during).startsWith(expectedStatus).contains("connection: close");
        if (tls != null) { // to the port it was bound to, though it no longer accepts
          String location = "location: https://localhost:" + httpsPort + "/index.html\r\n";
          assertThat(before).contains(location);
          assertThat(during).contains(location);
        }
        assertThat(keptAlive.getInputStream().read()).as("closed after it").isEqualTo(-1);
        keptAlive.close(); // Jetty half-closes and waits for the client's end, as TCP has it
        assertThat(stopped).as("waits for the request in flight").isNotDone();
        slow.release();
        assertThat(inFlight.get(10, TimeUnit.SECONDS))
            .startsWith("HTTP/1.1 200 ")
            .contains("backend=slow\nmethod=GET\npath=/api/slow\n");
        stopped.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Socket tlsSocket(int port) throws Exception {
    SSLSocket socket =
        (SSLSocket) TlsProbe.trustAll().getSocketFactory().createSocket("127.0.0.1", port);
    socket.startHandshake();
    return socket;
  }

  /**
   * GET {@code path} on the socket: the response's status line, its head in lower case and its body
   * (read to the end of the connection when {@code close} asks the server to close it).
   */
  private static String exchange(Socket socket, String path, boolean close) throws IOException {
    socket
        .getOutputStream()
        .write(
            ("GET "
                    + path
                    + " HTTP/1.1\r\nHost: localhost\r\n"
                    + (close ? "Connection: close\r\n" : "")
                    + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed mid-response: " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    byte[] body = close ? in.readAllBytes() : in.readNBytes(length);
    String status = text.substring(0, text.indexOf("\r\n") + 2);
    return status
        + text.substring(status.length()).toLowerCase(Locale.ROOT)
        + new String(body, StandardCharsets.UTF_8);
  }

  private static boolean refused(int port) {
    try (Socket probe = new Socket("127.0.0.1", port)) {
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
