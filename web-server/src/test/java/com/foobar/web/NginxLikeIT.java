package com.foobar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What nginx does for a site that our tier must do too: compression (precompressed and on the fly),
 * Cache-Control by path, ranges, security headers, host redirects and request limits.
 */
class NginxLikeIT {
  private static final String CSS = "body { color: black; }\n".repeat(40); // 960 bytes
  private static final String SCRIPT = "console.log('precompressed');\n".repeat(20);

  @RegisterExtension static final RunningWeb web = RunningWeb.inFrontOf("app");

  @BeforeAll
  static void site() throws Exception {
    Path root = web.webRoot();
    Files.writeString(root.resolve("style.css"), CSS);
    Files.writeString(root.resolve("app.js"), SCRIPT);
    Files.write(root.resolve("app.js.gz"), gzip("/* the .gz sibling */\n" + SCRIPT));
    Files.writeString(root.resolve("digits.txt"), "0123456789abcdefghij");
  }

  @Test
  void servesThePrecompressedSiblingToClientsThatAcceptGzip() throws Exception {
    HttpResponse<byte[]> response =
        web.sendForBytes(web.request("/app.js").header("Accept-Encoding", "gzip, br"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(response.headers().allValues("Vary")).anyMatch(v -> v.contains("Accept-Encoding"));
    assertThat(gunzip(response.body())).isEqualTo("/* the .gz sibling */\n" + SCRIPT);

    HttpResponse<String> plain = web.get("/app.js");
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(plain.body()).isEqualTo(SCRIPT);
  }

  @Test
  void compressesTextOnTheFlyWhenThereIsNoSibling() throws Exception {
    HttpResponse<byte[]> response =
        web.sendForBytes(web.request("/style.css").header("Accept-Encoding", "gzip"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(response.body().length).isLessThan(CSS.length());
    assertThat(gunzip(response.body())).isEqualTo(CSS);
  }

  @Test
  void setsCacheControlByPathPattern() throws Exception {
    assertThat(web.get("/").headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(web.get("/index.html").headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(web.get("/style.css").headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=3600");
    assertThat(web.get("/digits.txt").headers().firstValue("Cache-Control")).isEmpty();
  }

  @Test
  void answersSeveralRangesAsMultipartAndAnUnsatisfiableOneWith416() throws Exception {
    HttpResponse<String> one = web.send(web.request("/digits.txt").header("Range", "bytes=2-5"));
    assertThat(one.statusCode()).isEqualTo(206);
    assertThat(one.body()).isEqualTo("2345");
    assertThat(one.headers().firstValue("Content-Range")).hasValue("bytes 2-5/20");

    HttpResponse<String> two =
        web.send(web.request("/digits.txt").header("Range", "bytes=0-1,10-11"));
    assertThat(two.statusCode()).isEqualTo(206);
    assertThat(two.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("multipart/byteranges; boundary=");
    assertThat(two.body())
        .contains("Content-Range: bytes 0-1/20", "01", "Content-Range: bytes 10-11/20", "ab");

    HttpResponse<String> none = web.send(web.request("/digits.txt").header("Range", "bytes=50-60"));
    assertThat(none.statusCode()).isEqualTo(416);
    assertThat(none.headers().firstValue("Content-Range")).hasValue("bytes */20");
  }

  @Test
  void answersHeadWithTheHeadersAndNoBody() throws Exception {
    HttpResponse<String> head =
        web.send(web.request("/digits.txt").method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue("20");
    assertThat(head.body()).isEmpty();
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() throws Exception {
    for (String path : List.of("/", "/style.css", "/missing.png", "/api/products")) {
      HttpResponse<String> response = web.get(path);
      assertThat(response.headers().firstValue("X-Content-Type-Options"))
          .as(path)
          .hasValue("nosniff");
      assertThat(response.headers().firstValue("Referrer-Policy"))
          .as(path)
          .hasValue("strict-origin-when-cross-origin");
      assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue(
              "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self';"
                  + " form-action 'self'; frame-ancestors 'none'");
      assertThat(response.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
      assertThat(response.headers().firstValue("Server")).as(path).isEmpty();
    }
  }

  @Test
  void redirectsTheBareDomainToWwwAndServesEveryOtherHost() throws Exception {
    String bare = web.rawGet("/shop/cart?item=FB-MUG", "foobar.com");
    assertThat(bare).startsWith("HTTP/1.1 301 ");
    assertThat(bare).contains("Location: http://www.foobar.com/shop/cart?item=FB-MUG\r\n");
    String withPort = web.rawGet("/", "FOOBAR.com:8080");
    assertThat(withPort).contains("Location: http://www.foobar.com:8080/\r\n");
    String rooted = web.rawGet("/", "foobar.com."); // the root's trailing dot
    assertThat(rooted).startsWith("HTTP/1.1 301 ").contains("Location: http://www.foobar.com/\r\n");

    assertThat(web.rawGet("/", "www.foobar.com")).startsWith("HTTP/1.1 200 ");
    assertThat(web.rawGet("/", "203.0.113.7")).startsWith("HTTP/1.1 200 ");
  }

  @Test
  void refusesToWriteAFileWith405AndAllowAsNginxDoes() throws Exception {
    for (String method : List.of("POST", "PUT", "DELETE")) {
      String answer =
          web.rawExchange(
              method
                  + " /style.css HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                  + "Connection: close\r\n\r\n",
              null);
      assertThat(answer)
          .as(method)
          .startsWith("HTTP/1.1 405 ")
          .contains("\r\nAllow: GET, HEAD\r\n");
    }
    String onTheSite =
        web.rawExchange(
            "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            null);
    assertThat(onTheSite).startsWith("HTTP/1.1 405 ");
    String nothingThere =
        web.rawExchange(
            "POST /missing.css HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n",
            null);
    assertThat(nothingThere).startsWith("HTTP/1.1 404 ");
  }

  @Test
  void servesANew404PageFromTheNextMissOn() throws Exception {
    Path page = web.webRoot().resolve("404.html");
    String before = Files.readString(page);
    try {
      Files.writeString(page, "<!doctype html><title>gone fishing</title>\n");
      Files.setLastModifiedTime(page, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

      HttpResponse<String> missing =
          web.send(web.request("/no-such-page").header("Accept", "text/html"));

      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo("<!doctype html><title>gone fishing</title>\n");
    } finally {
      Files.writeString(page, before);
      Files.setLastModifiedTime(page, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    }
  }

  @Test
  void sendsADirectoryWithoutItsSlashToItWith301() throws Exception {
    Path docs = Files.createDirectories(web.webRoot().resolve("docs"));
    Files.writeString(docs.resolve("index.html"), "<!doctype html><title>docs</title>\n");

    String answer = web.rawGet("/docs?page=2", "localhost");

    assertThat(answer).startsWith("HTTP/1.1 301 ").contains("\r\nLocation: /docs/?page=2\r\n");
    assertThat(web.rawGet("/docs/", "localhost"))
        .startsWith("HTTP/1.1 200 ")
        .contains("<title>docs</title>");
  }

  @Test
  void labelsTheCommonWebTypesWithTheirTypeAndTextWithUtf8() throws Exception {
    Path root = web.webRoot();
    Files.writeString(root.resolve("data.csv"), "a,b\n");
    Files.writeString(root.resolve("module.mjs"), "export {};\n");
    Files.writeString(root.resolve("site.webmanifest"), "{}\n");
    Files.writeString(root.resolve("notes.md"), "# notes\n");

    assertThat(web.get("/data.csv").headers().firstValue("Content-Type"))
        .hasValue("text/csv;charset=utf-8");
    assertThat(web.get("/module.mjs").headers().firstValue("Content-Type"))
        .hasValue("text/javascript;charset=utf-8");
    assertThat(web.get("/site.webmanifest").headers().firstValue("Content-Type"))
        .hasValue("application/manifest+json");
    assertThat(web.get("/notes.md").headers().firstValue("Content-Type"))
        .hasValue("text/markdown;charset=utf-8");
  }

  @Test
  void refusesOversizedHeadersUrisAndBodies() throws Exception {
    String bigHeader =
        "GET / HTTP/1.1\r\nHost: localhost\r\nX-Junk: " + "x".repeat(9000) + "\r\n\r\n";
    // Answered by Jetty before any handler runs, and still with the security headers.
    assertThat(web.rawExchange(bigHeader, null))
        .startsWith("HTTP/1.1 431 ")
        .contains("\r\nX-Content-Type-Options: nosniff\r\n", "\r\nContent-Security-Policy: ");

    String bigUri = "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    assertThat(web.rawExchange(bigUri, null))
        .startsWith("HTTP/1.1 414 ")
        .contains("\r\nX-Content-Type-Options: nosniff\r\n");

    String badPath = "GET /%2e%2e/etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n";
    assertThat(web.rawExchange(badPath, null))
        .startsWith("HTTP/1.1 400 ")
        .contains("\r\nX-Content-Type-Options: nosniff\r\n");

    byte[] body = new byte[1024 * 1024 + 1];
    String post =
        "POST /api/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    String refused = web.rawExchange(post, body);
    assertThat(refused).startsWith("HTTP/1.1 413 ");
    assertThat(refused).contains("\"code\":\"payload_too_large\"");
  }

  @Test
  void buffersARetryablePostReadWithoutBlockingAndRefusesOneTooBigToBuffer() throws Exception {
    // Chunked, so the size is only known by reading: the proxy reads it asynchronously.
    String order = "{\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\"a@b.c\"}";
    String head =
        "POST /api/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Idempotency-Key: k-1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    String accepted = web.rawExchange(head, chunked(order.getBytes(StandardCharsets.UTF_8)));
    assertThat(accepted).startsWith("HTTP/1.1 200 ");
    assertThat(accepted).contains("method=POST\npath=/api/orders\nquery=null\nbody=" + order);

    String refused = web.rawExchange(head, chunked(new byte[64 * 1024 + 1]));
    assertThat(refused).startsWith("HTTP/1.1 413 ");
    assertThat(refused).contains("\"code\":\"payload_too_large\"");
  }

  private static byte[] chunked(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < body.length; at += 8192) {
      int n = Math.min(8192, body.length - at);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, at, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static String gunzip(byte[] bytes) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
