package com.foobar.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.web.proxy.Backend;
import com.foobar.web.proxy.BackendSpec;
import com.foobar.web.proxy.Balance;
import com.foobar.web.tls.TlsConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    Path root = Files.createDirectories(site.resolve("webroot"));
    Files.writeString(root.resolve("index.html"), "<!doctype html><title>t</title>\n");
    Files.writeString(root.resolve("404.html"), "<!doctype html><title>404</title>\n");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (EchoBackend slow = new EchoBackend("slow", Duration.ofMillis(1500))) {
      WebServer web =
          new WebServer(
              new WebConfig(
                  "127.0.0.1",
                  0,
                  root,
                  List.of(BackendSpec.of(slow.uri())),
                  Duration.ofHours(1),
                  Duration.ofSeconds(10),
                  "www.foobar.com",
                  List.of("foobar.com"),
                  "",
                  tls,
                  false,
                  null,
                  Balance.ROUND_ROBIN));
      web.start();
      int port = web.httpPort();
      Backend backend = web.backends().get(0);
      try (Socket keptAlive = new Socket("127.0.0.1", port)) {
        keptAlive.setSoTimeout(10_000);
        // Over HTTPS when plain HTTP only redirects. HTTP/1.1: the JDK 17 client fails a stream
        // in flight on any GOAWAY, which Jetty sends (naming the last stream it will finish).
        URI slowUri =
            URI.create(
                tls == null
                    ? "http://127.0.0.1:" + port + "/api/slow"
                    : "https://127.0.0.1:" + web.httpsPort() + "/api/slow");
        HttpClient client =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(HttpsIT.trustAll())
                .build();
        Future<HttpResponse<String>> inFlight =
            pool.submit(
                () ->
                    client.send(
                        HttpRequest.newBuilder(slowUri).build(),
                        HttpResponse.BodyHandlers.ofString()));
        Await.until(() -> backend.inFlight() == 1);
        // Just before the stop: Jetty closes connections idle for over a second when it begins,
        // as nginx closes idle keep-alive connections; this one is not idle.
        assertThat(exchange(keptAlive)).startsWith(expectedStatus).doesNotContain("connection:");
        Future<?> stopped = pool.submit(web::close);
        Await.until(() -> refused(port)); // the stop has begun: no new connections

        String during = exchange(keptAlive);

        assertThat(during).startsWith(expectedStatus).contains("connection: close");
        assertThat(keptAlive.getInputStream().read()).as("closed after it").isEqualTo(-1);
        assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        stopped.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** GET /index.html on the socket; the response's head in lower case and its body. */
  private static String exchange(Socket socket) throws IOException {
    socket
        .getOutputStream()
        .write(
            "GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n"
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
    byte[] body = in.readNBytes(length);
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
