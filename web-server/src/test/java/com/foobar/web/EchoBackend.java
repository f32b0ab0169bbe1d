package com.foobar.web;

import com.foobar.web.proxy.BackendHealthChecker;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;

/** A stand-in app instance that answers with what it received, one line per fact. */
final class EchoBackend implements AutoCloseable {
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final CountDownLatch gate; // open (count 0) unless made by holding()
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();

  EchoBackend(String name) throws Exception {
    this(name, new CountDownLatch(0));
  }

  /**
   * One that holds every request until {@link #release()}, as a busy or stuck instance does: a test
   * decides when it answers, instead of guessing how long a delay it needs.
   */
  static EchoBackend holding(String name) throws Exception {
    return new EchoBackend(name, new CountDownLatch(1));
  }

  private EchoBackend(String name, CountDownLatch gate) throws Exception {
    this.gate = gate;
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    // A graceful stop closes the listening socket first and then the connections. Without one
    // (Jetty's default), a connection accepted as the stop begins can reach a selector that is
    // already stopping and stay open unserved: a proxied GET on it hung until the client gave up.
    server.setStopTimeout(10_000);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            if (!BackendHealthChecker.HEALTH_PATH.equals(request.getHttpURI().getPath())) {
              hold();
              answered.incrementAndGet();
            }
            String echo =
                "backend="
                    + name
                    + "\n"
                    + "method="
                    + request.getMethod()
                    + "\n"
                    + "path="
                    + request.getHttpURI().getPath()
                    + "\n"
                    + "query="
                    + request.getHttpURI().getQuery()
                    + "\n"
                    + "body="
                    + body
                    + "\n"
                    + forwardingHeaders(request);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
            response.getHeaders().put(HttpHeader.LOCATION, "/api/orders/7");
            response.getHeaders().put(HttpHeader.SERVER, "backend-server/1.0");
            response.write(true, ByteBuffer.wrap(echo.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
          }
        });
    server.start();
  }

  /** Stops accepting and closes, as a stopped instance does; in-flight requests finish. */
  void stop() throws Exception {
    connector.setPort(connector.getLocalPort()); // come back on the same port
    server.stop();
  }

  /**
   * Starts again on the same port, as a restarted instance comes back at its address. Another
   * program may hold the port for a while (it was free to take): the bind is tried again until it
   * succeeds, within {@link Await#DEFAULT}. Jetty binds with SO_REUSEADDR, so the old connections'
   * TIME_WAIT does not stand in the way.
   */
  void restart() throws InterruptedException {
    Await.until(this::startedOnItsPort);
  }

  /** Whether it could bind its port this time; if not, it is stopped again, ready for another. */
  private boolean startedOnItsPort() {
    try {
      server.start();
      return true;
    } catch (IOException bindFailed) {
      LifeCycle.stop(server);
      return false;
    } catch (Exception e) {
      throw new IllegalStateException("echo backend: cannot start again", e);
    }
  }

  /** Until released; a busy instance still answers its health check at once. */
  private void hold() throws InterruptedException {
    held.incrementAndGet();
    try {
      gate.await();
    } finally {
      held.decrementAndGet();
    }
  }

  /** Lets every held request, and every later one, be answered. */
  void release() {
    gate.countDown();
  }

  /** Requests it has answered, health checks aside. */
  int answered() {
    return answered.get();
  }

  /** Requests it is holding now (see {@link #holding}). */
  int held() {
    return held.get();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @Override
  public void close() throws Exception {
    release(); // a stop would otherwise wait for the held requests
    server.stop();
  }

  /**
   * Each forwarding header the proxy sets, and the client's Host and User-Agent, as {@code
   * name=value} lines in lower case; a header sent more than once has its values joined by " | ".
   */
  private static String forwardingHeaders(Request request) {
    StringBuilder lines = new StringBuilder();
    for (String header :
        List.of(
            "X-Forwarded-For",
            "X-Forwarded-Proto",
            "X-Forwarded-Host",
            "Forwarded",
            "Via",
            "Host",
            "User-Agent")) {
      List<String> values = request.getHeaders().getValuesList(header);
      lines
          .append(header.toLowerCase(java.util.Locale.ROOT))
          .append('=')
          .append(values.isEmpty() ? "null" : String.join(" | ", values)) // a repeat shows
          .append('\n');
    }
    return lines.toString();
  }
}
