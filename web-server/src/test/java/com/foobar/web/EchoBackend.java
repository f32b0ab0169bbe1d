package com.foobar.web;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** A stand-in app instance that answers with what it received, one line per fact. */
final class EchoBackend implements AutoCloseable {
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);

  EchoBackend(String name) throws Exception {
    this(name, Duration.ZERO);
  }

  /** One that takes {@code delay} over every answer, as a busy or cold instance does. */
  EchoBackend(String name, Duration delay) throws Exception {
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            if (!delay.isZero()) {
              Thread.sleep(delay.toMillis());
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

  /** Starts again on the same port. */
  void restart() throws Exception {
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @Override
  public void close() throws Exception {
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
