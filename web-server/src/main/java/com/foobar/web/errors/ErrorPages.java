package com.foobar.web.errors;

import com.foobar.web.headers.SecurityHeaders;
import com.foobar.web.proxy.PathRoute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Every error the web tier itself answers, in the type the request's Accept prefers: JSON in the
 * API's error shape, or HTML (the site's 404.html for a missing page, a small page otherwise);
 * without a preference JSON under /api/ and HTML elsewhere. Never a stack trace or a server
 * version.
 */
public final class ErrorPages implements Request.Handler {
  private final Path notFoundFile;
  // The site's 404.html as last read, and when it was last changed then: a new one deployed to
  // the webroot is served from the next 404 on, like every other file of the site.
  private volatile NotFoundPage notFoundPage;

  private record NotFoundPage(FileTime modified, byte[] bytes) {}

  public ErrorPages(Path webRoot) {
    notFoundFile = webRoot.resolve("404.html");
    notFoundPage = read(); // a page that cannot be read is an error at start, not at a 404
  }

  /** The site's 404 page as it is now; null if there is none. */
  private byte[] notFoundPage() {
    NotFoundPage known = notFoundPage;
    try {
      FileTime modified = Files.getLastModifiedTime(notFoundFile);
      if (known == null || !known.modified().equals(modified)) {
        known = read();
        notFoundPage = known;
      }
    } catch (IOException | UncheckedIOException gone) {
      return known == null ? null : known.bytes(); // removed or unreadable now: the last one
    }
    return known == null ? null : known.bytes();
  }

  private NotFoundPage read() {
    try {
      if (!Files.isRegularFile(notFoundFile)) {
        return null;
      }
      FileTime modified = Files.getLastModifiedTime(notFoundFile);
      return new NotFoundPage(modified, Files.readAllBytes(notFoundFile));
    } catch (IOException e) {
      throw new UncheckedIOException("web: cannot read " + notFoundFile, e);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    if (HttpStatus.hasNoBody(status)) {
      // 304 (and 1xx, 204): no body may follow, on HTTP/1.1 or HTTP/2 alike.
      response.write(true, null, callback);
      return true;
    }
    boolean json = wantsJson(request);
    byte[] sitePage = !json && status == HttpStatus.NOT_FOUND_404 ? notFoundPage() : null;
    byte[] body;
    String type;
    if (json) {
      body = json(status).getBytes(StandardCharsets.UTF_8);
      type = "application/json";
    } else if (sitePage != null) {
      body = sitePage;
      type = "text/html;charset=utf-8";
    } else {
      body = html(status).getBytes(StandardCharsets.UTF_8);
      type = "text/html;charset=utf-8";
    }
    SecurityHeaders.addTo(request, response.getHeaders()); // Jetty's own 400/414/431 too
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  /**
   * The type the client asked for first in Accept (by quality): JSON for application/json or a
   * +json type, HTML for text/html; without a preference, JSON under /api/ (API clients parse it)
   * and HTML elsewhere.
   */
  private static boolean wantsJson(Request request) {
    for (String type : request.getHeaders().getQualityCSV(HttpHeader.ACCEPT)) {
      String media = type.toLowerCase(Locale.ROOT);
      if (media.startsWith("application/json") || media.contains("+json")) {
        return true;
      }
      if (media.startsWith("text/html") || media.startsWith("application/xhtml+xml")) {
        return false;
      }
    }
    return PathRoute.isApi(request.getHttpURI().getPath());
  }

  private static String json(int status) {
    return "{\"error\":{\"code\":\""
        + code(status)
        + "\",\"message\":\""
        + message(status)
        + "\",\"field\":null}}";
  }

  private static String html(int status) {
    String reason = HttpStatus.getMessage(status);
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + status
        + " "
        + reason
        + "</title></head><body><h1>"
        + status
        + " "
        + reason
        + "</h1><p>"
        + message(status)
        + "</p></body></html>\n";
  }

  private static String code(int status) {
    return switch (status) {
      case HttpStatus.BAD_GATEWAY_502 -> "bad_gateway";
      case HttpStatus.GATEWAY_TIMEOUT_504 -> "gateway_timeout";
      default ->
          HttpStatus.getMessage(status).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    };
  }

  private static String message(int status) {
    return switch (status) {
      case HttpStatus.BAD_GATEWAY_502 -> "no application instance answered";
      case HttpStatus.GATEWAY_TIMEOUT_504 -> "the application instance did not answer in time";
      case HttpStatus.NOT_FOUND_404 -> "nothing here";
      default -> HttpStatus.getMessage(status);
    };
  }
}
