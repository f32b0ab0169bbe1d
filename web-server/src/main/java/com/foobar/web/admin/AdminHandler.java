package com.foobar.web.admin;

import com.foobar.web.metrics.WebMetrics;
import com.foobar.web.proxy.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The admin port's pages: {@code /metrics} (Prometheus), {@code /status} (the live picture of the
 * stack) with its script, style and {@code /status.json}. Nothing else; GET and HEAD only.
 */
public final class AdminHandler extends Handler.Abstract {
  private record Asset(String type, byte[] bytes) {}

  private final WebMetrics metrics;
  private final StackStatus status;
  private final Map<String, Asset> assets;

  public AdminHandler(
      WebMetrics metrics, List<Backend> backends, AdminConfig config, Supplier<String> webAddress) {
    super(InvocationType.NON_BLOCKING); // see offload
    this.metrics = metrics;
    this.status = new StackStatus(webAddress, metrics, backends, config);
    this.assets =
        Map.of(
            "/status", asset("status.html", "text/html;charset=utf-8"),
            "/status.js", asset("status.js", "text/javascript;charset=utf-8"),
            "/status.css", asset("status.css", "text/css;charset=utf-8"));
  }

  private static Asset asset(String name, String type) {
    try (InputStream in =
        AdminHandler.class.getResourceAsStream("/com/foobar/web/status/" + name)) {
      if (in == null) {
        throw new IllegalStateException("web: status page asset " + name + " is missing");
      }
      return new Asset(type, in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("web: cannot read status page asset " + name, e);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
      return true;
    }
    String path = request.getHttpURI().getPath();
    if ("/".equals(path)) {
      Response.sendRedirect(request, response, callback, "/status");
      return true;
    }
    // Scraping and probing the other tiers take time (a probe may wait on the network): done on a
    // pool thread, so that the selector thread this handler runs on goes on serving.
    if ("/metrics".equals(path)) {
      offload(
          request, response, callback, "text/plain;version=0.0.4;charset=utf-8", metrics::scrape);
      return true;
    }
    if ("/status.json".equals(path)) {
      offload(request, response, callback, "application/json", status::json);
      return true;
    }
    Asset asset = assets.get(path);
    if (asset == null) {
      Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
      return true;
    }
    send(response, callback, asset.type(), asset.bytes());
    return true;
  }

  private static void offload(
      Request request, Response response, Callback callback, String type, Supplier<String> body) {
    request
        .getComponents()
        .getThreadPool()
        .execute(
            () -> {
              try {
                send(response, callback, type, body.get().getBytes(StandardCharsets.UTF_8));
              } catch (RuntimeException e) {
                Response.writeError(request, response, callback, e);
              }
            });
  }

  private static void send(Response response, Callback callback, String type, byte[] body) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
