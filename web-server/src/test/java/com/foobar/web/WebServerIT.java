package com.foobar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebServerIT {
  private static final String SECRET = "top secret outside the webroot";

  @RegisterExtension static final RunningWeb web = RunningWeb.inFrontOf("alpha", "beta");

  @BeforeAll
  static void site() throws Exception {
    Path root = web.webRoot();
    Files.writeString(root.resolve("style.css"), "body { color: black }\n");
    Files.createDirectories(root.resolve("images"));
    Files.writeString(root.resolve("images/logo.txt"), "logo");
    Files.writeString(root.resolveSibling("secret.txt"), SECRET);
  }

  @Test
  void servesTheIndexAsUtf8HtmlWithAnEtag() throws Exception {
    HttpResponse<String> response = web.get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(TestSite.INDEX);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    assertThat(response.headers().firstValue("ETag")).isPresent();
    assertThat(response.headers().firstValue("Last-Modified")).isPresent();
  }

  @Test
  void answersAConditionalGetWith304() throws Exception {
    String etag = web.get("/style.css").headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> response =
        web.send(web.request("/style.css").header("If-None-Match", etag).GET());

    assertThat(response.statusCode()).isEqualTo(304);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void answersHeadWithoutABody() throws Exception {
    HttpResponse<String> response =
        web.send(web.request("/style.css").method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).hasValue("22");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void servesTheSite404PageForAMissingFile() throws Exception {
    HttpResponse<String> response = web.get("/no-such-page.html");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo(TestSite.NOT_FOUND);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
  }

  @Test
  void servesAFileThatBecameADirectoryAsTheDirectoryOnceTheCacheHasLookedAgain() throws Exception {
    Path guide = web.webRoot().resolve("guide");
    Files.writeString(guide, "a file for now\n");
    assertThat(web.get("/guide").body()).isEqualTo("a file for now\n"); // cached, kind and all

    Files.delete(guide);
    Files.createDirectory(guide);
    Files.writeString(guide.resolve("index.html"), "<!doctype html><title>guide</title>\n");
    // The cache checks a file again each second: then /guide is a directory (301 to /guide/).
    Await.until(() -> status("/guide") == 301);
    assertThat(web.get("/guide/").body()).isEqualTo("<!doctype html><title>guide</title>\n");
  }

  private static int status(String path) {
    try {
      return web.get(path).statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void neverListsADirectory() throws Exception {
    HttpResponse<String> response = web.get("/images/");

    assertThat(response.statusCode()).isIn(403, 404);
    assertThat(response.body()).doesNotContain("logo.txt");
  }

  // Refused before any file is looked up: Jetty rejects dot segments, encoded separators, NUL,
  // path parameters, a %25 that would decode to one of those, and raw backslashes (not allowed in
  // a path, RFC 3986 3.3) with 400.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/images/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/images/%2e%2e/%2e%2e/secret.txt",
        "/secret.txt%00.html",
        "/..;/secret.txt",
        "/%252e%252e/secret.txt",
        "/images/%252e%252e/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/..\\secret.txt",
        "/images\\..\\..\\secret.txt",
        "/\\..\\secret.txt"
      })
  void neverServesAFileOutsideTheWebroot(String path) throws Exception {
    String response = web.rawGet(path, "localhost");

    assertThat(response).startsWith("HTTP/1.1 400 ");
    assertThat(response).doesNotContain(SECRET);
  }

  @Test
  void neverFollowsASymlinkOutOfTheWebroot() throws Exception {
    Path root = web.webRoot();
    Path outside = Files.createDirectories(root.resolveSibling("outside"));
    Files.writeString(outside.resolve("secret.txt"), SECRET);
    Files.createSymbolicLink(root.resolve("linked-secret.txt"), root.resolveSibling("secret.txt"));
    Files.createSymbolicLink(root.resolve("linked-dir"), outside);

    for (String path : List.of("/linked-secret.txt", "/linked-dir/secret.txt", "/linked-dir/")) {
      String response = web.rawGet(path, "localhost");

      assertThat(response).as(path).startsWith("HTTP/1.1 404 ").doesNotContain(SECRET);
    }
  }

  @Test
  void forwardsApiRequestsWithBodyQueryAndForwardedHeaders() throws Exception {
    HttpResponse<String> response =
        web.send(
            web.request("/api/orders?debug=1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"FB-MUG\"}")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains(
            "method=POST\n",
            "path=/api/orders\n",
            "query=debug=1\n",
            "body={\"sku\":\"FB-MUG\"}\n",
            "x-forwarded-for=127.0.0.1\n",
            "x-forwarded-proto=http\n",
            "x-forwarded-host=127.0.0.1:" + web.httpPort() + "\n",
            "forwarded=for=127.0.0.1;host=\"127.0.0.1:" + web.httpPort() + "\";proto=http\n");
    assertThat(response.body()).containsPattern("\nvia=(1\\.1|2\\.0) [^,\n]+\n");
    assertThat(response.headers().firstValue("Location")).hasValue("/api/orders/7");
    assertThat(response.headers().allValues("Date")).hasSize(1);
    assertThat(response.headers().firstValue("Server")).isEmpty();
  }

  @Test
  void passesTheClientsHostAndUserAgentAndNoOthers() throws Exception {
    String http11 =
        web.rawExchange(
            "GET /api/products HTTP/1.1\r\nHost: www.foobar.com\r\nUser-Agent: curl/8.5.0\r\n"
                + "Connection: close\r\n\r\n",
            null);
    HttpResponse<String> http2 =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .build()
            .send(
                web.request("/api/products").header("User-Agent", "browser/1.0").build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(http11).contains("\nhost=www.foobar.com\n", "\nuser-agent=curl/8.5.0\n");
    assertThat(http2.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(http2.body())
        .contains("\nhost=127.0.0.1:" + web.httpPort() + "\n", "\nuser-agent=browser/1.0\n");
  }

  @Test
  void appendsToTheForwardingHeadersOfAnEarlierProxy() throws Exception {
    HttpResponse<String> response =
        web.send(
            web.request("/api/products")
                .header("X-Forwarded-For", "203.0.113.7")
                .header("Forwarded", "for=203.0.113.7;proto=https")
                .header("Via", "1.1 edge"));

    assertThat(response.body())
        .contains(
            "x-forwarded-for=203.0.113.7, 127.0.0.1\n",
            "forwarded=for=203.0.113.7;proto=https, for=127.0.0.1;host=\"127.0.0.1:"
                + web.httpPort()
                + "\";proto=http\n");
    assertThat(response.body()).containsPattern("\nvia=1\\.1 edge, (1\\.1|2\\.0) [^,\n]+\n");
  }

  @Test
  void forwardsAnHttp10RequestWithoutHost() throws Exception {
    String response = web.rawExchange("GET /api/products HTTP/1.0\r\n\r\n", null);

    // Jetty fills in its own address as the authority; the answer is HTTP/1.1, as nginx's is.
    assertThat(response)
        .startsWith("HTTP/1.1 200 ")
        .contains("\nforwarded=for=127.0.0.1;host=\"127.0.0.1:" + web.httpPort() + "\";")
        .contains("\nvia=1.0 ");
  }

  @Test
  void spreadsRequestsRoundRobinOverTheBackends() throws Exception {
    String first = backendOf(web.get("/api/products"));
    String second = backendOf(web.get("/api/products"));
    String third = backendOf(web.get("/api/products"));

    assertThat(List.of(first, second)).containsExactlyInAnyOrder("alpha", "beta");
    assertThat(third).isEqualTo(first);
  }

  @Test
  void servesARootThatIsItselfALinkButNoLinkInsideIt() throws Exception {
    // /srv/site -> releases/42, or a host's copy of a package sharing its webroot.
    Path linkedRoot =
        Files.createSymbolicLink(web.webRoot().resolveSibling("linked-root"), web.webRoot());
    try (WebServer linked = new WebServer(web.config().withWebRoot(linkedRoot))) {
      linked.start();
      WebClient client = new WebClient(linked.httpPort());

      assertThat(client.get("/").statusCode()).isEqualTo(200);
      assertThat(client.get("/").body()).isEqualTo(TestSite.INDEX);
      assertThat(client.get("/images/logo.txt").body()).isEqualTo("logo");
      Files.createSymbolicLink(
          web.webRoot().resolve("linked-again.txt"), web.webRoot().resolveSibling("secret.txt"));
      assertThat(client.get("/linked-again.txt").statusCode()).isEqualTo(404);
    } finally {
      Files.delete(linkedRoot);
    }
  }

  @Test
  void answers502InJsonWhenNoBackendAnswers() throws Exception {
    // Bound and never listening: a connection to it is refused, and no other program can take the
    // port while the test runs (a port closed after picking it could be anyone's by then).
    try (Socket closed = new Socket()) {
      closed.bind(new InetSocketAddress("127.0.0.1", 0));
      URI dead = URI.create("http://127.0.0.1:" + closed.getLocalPort());
      answers502InJsonWhenNoBackendAnswers(
          new WebServer(web.config().withBackendUris(List.of(dead))));
    }
  }

  private static void answers502InJsonWhenNoBackendAnswers(WebServer lonely) throws Exception {
    try (lonely) {
      lonely.start();
      WebClient client = new WebClient(lonely.httpPort());
      HttpResponse<String> response = client.get("/api/products");

      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.body())
          .isEqualTo(
              "{\"error\":{\"code\":\"bad_gateway\",\"message\":\"no application instance"
                  + " answered\",\"field\":null}}");

      // A browser asking for the API gets the page it can show.
      HttpResponse<String> page =
          client.send(
              client
                  .request("/api/products")
                  .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
      assertThat(page.statusCode()).isEqualTo(502);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
      assertThat(page.body())
          .contains("<title>502 Bad Gateway</title>", "no application instance answered");
    }
  }

  @Test
  void answersErrorsInJsonToClientsThatAskForIt() throws Exception {
    HttpResponse<String> missing =
        web.send(
            web.request("/no-such-page").header("Accept", "application/json, text/html;q=0.5"));

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(missing.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"not_found\",\"message\":\"nothing here\",\"field\":null}}");
  }

  @Test
  void sendsNoServerVersion() throws Exception {
    HttpResponse<String> response = web.get("/");

    assertThat(response.headers().firstValue("Server")).isEmpty();
  }

  private static String backendOf(HttpResponse<String> response) {
    return response.body().lines().findFirst().orElseThrow().substring("backend=".length());
  }
}
