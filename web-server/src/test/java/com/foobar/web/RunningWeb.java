package com.foobar.web;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One web tier on a free port for a whole test class, in front of echo instances started for it and
 * serving a {@link TestSite} in a directory of its own, with a client for it; all closed after the
 * class. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RunningWeb web =
 *     RunningWeb.inFrontOf("alpha", "beta").configured(config -> config.withAccessLog(true));
 * }</pre>
 *
 * <p>The instances' health is checked once, at the start: a periodic check could time out on a
 * loaded machine and take an instance out of rotation in the middle of a test.
 */
final class RunningWeb implements BeforeAllCallback, AfterAllCallback {
  private final List<String> backendNames;
  private final UnaryOperator<WebConfig> change;
  private final List<EchoBackend> backends = new ArrayList<>();
  private Path dir;
  private WebConfig config;
  private WebServer web;
  private WebClient client;
  private WebClient adminClient;

  private RunningWeb(List<String> backendNames, UnaryOperator<WebConfig> change) {
    this.backendNames = backendNames;
    this.change = change;
  }

  /** In front of one {@link EchoBackend} a name, in this order. */
  static RunningWeb inFrontOf(String... echoBackends) {
    return new RunningWeb(List.of(echoBackends), config -> config);
  }

  /**
   * With {@code change} applied to its config, which by then serves the site and forwards to the
   * echo instances, their health checked once.
   */
  RunningWeb configured(UnaryOperator<WebConfig> change) {
    return new RunningWeb(backendNames, config -> change.apply(this.change.apply(config)));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("running-web");
    Path root = TestSite.in(dir);
    for (String name : backendNames) {
      backends.add(new EchoBackend(name));
    }
    config =
        change.apply(
            WebConfig.serving(root)
                .withBackendUris(backends.stream().map(EchoBackend::uri).toList())
                .withHealthCheckInterval(Duration.ofHours(1)));
    web = new WebServer(config);
    web.start();
    client = new WebClient(web.httpPort());
    adminClient = web.adminPort() < 0 ? null : new WebClient(web.adminPort());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (web != null) {
      web.close();
    }
    for (EchoBackend backend : backends) {
      backend.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) { // links are deleted, not followed
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  /** What it runs with: a start point for a test that needs a second server like it. */
  WebConfig config() {
    return config;
  }

  WebServer server() {
    return web;
  }

  /** The site's directory, beside which lie files outside it. */
  Path webRoot() {
    return config.webRoot();
  }

  /** The echo instance of this name. */
  EchoBackend backend(String name) {
    return backends.get(backendNames.indexOf(name));
  }

  int httpPort() {
    return web.httpPort();
  }

  int httpsPort() {
    return web.httpsPort();
  }

  int adminPort() {
    return web.adminPort();
  }

  /** A client for the HTTP port. */
  WebClient client() {
    return client;
  }

  /** A client for the admin port; null unless {@link WebConfig#withAdmin configured} with one. */
  WebClient adminClient() {
    return adminClient;
  }

  HttpRequest.Builder request(String path) {
    return client.request(path);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.get(path);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(request);
  }

  HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return client.sendForBytes(request);
  }

  /** GET {@code path} with this Host (see {@link WebClient#rawGet}). */
  String rawGet(String path, String host) throws IOException {
    return client.rawGet(path, host);
  }

  /** This request as given (see {@link WebClient#rawExchange}). */
  String rawExchange(String requestHead, byte[] body) throws IOException {
    return client.rawExchange(requestHead, body);
  }
}
