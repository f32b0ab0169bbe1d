package com.foobar.web.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.web.Await;
import com.foobar.web.WebConfig;
import com.foobar.web.WebServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An instance on this host reached over its Unix domain socket: requests and health checks. */
class UnixSocketBackendIT {
  @TempDir Path dir;

  @Test
  void proxiesAndChecksHealthOverTheInstancesSocketNotItsTcpPort() throws Exception {
    Path socket = dir.resolve("app-8081.sock");
    Server instance = instanceOn(socket);
    instance.start();
    // Nothing listens on the instance's TCP port: only the socket can answer.
    URI nobodyListens;
    try (ServerSocket free = new ServerSocket(0)) {
      nobodyListens = URI.create("http://127.0.0.1:" + free.getLocalPort());
    }
    Files.createDirectories(dir.resolve("site"));
    Files.writeString(dir.resolve("site/404.html"), "<!doctype html><title>404</title>\n");
    WebConfig config =
        WebConfig.serving(dir.resolve("site"))
            .withBackends(List.of(BackendSpec.of(nobodyListens).withUnixSocket(socket)))
            .withHealthCheckInterval(Duration.ofHours(1));
    try (WebServer web = new WebServer(config)) {
      web.start();
      Backend backend = web.backends().get(0);
      Await.until(() -> backend.database().equals("up")); // its health answer came back

      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + web.httpPort() + "/api/products"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()) // the client's Host, passed on as nginx's proxy_set_header does
          .isEqualTo("over the socket: GET /api/products, Host 127.0.0.1:" + web.httpPort());
      assertThat(backend.healthy()).isTrue();
      assertThat(backend.requests()).isEqualTo(1);
    } finally {
      instance.stop();
    }
    assertThat(socket).as("Jetty removes its socket when it stops").doesNotExist();
  }

  private static Server instanceOn(Path socket) {
    Server server = new Server();
    UnixDomainServerConnector connector = new UnixDomainServerConnector(server);
    connector.setUnixDomainPath(socket);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract.NonBlocking() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            String answer =
                BackendHealthChecker.HEALTH_PATH.equals(request.getHttpURI().getPath())
                    ? "{\"status\":\"up\",\"database\":\"up\"}"
                    : "over the socket: "
                        + request.getMethod()
                        + " "
                        + request.getHttpURI().getPath()
                        + ", Host "
                        + request.getHeaders().get(HttpHeader.HOST);
            response.write(true, StandardCharsets.UTF_8.encode(answer), callback);
            return true;
          }
        });
    return server;
  }
}
