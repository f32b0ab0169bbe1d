package com.foobar.app.metrics;

import com.foobar.app.stack.StackEndpoints;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.MDC;

/**
 * Around every request of the instance: the request id (the web tier's {@code X-Request-Id}, or a
 * new one) in the logs' MDC and echoed in the response, the request counted and timed by route and
 * status, and a {@code GET} of a scrape path answered with the Prometheus text (in front of
 * whatever the instance serves, so no application mapping can shadow it).
 */
public final class RequestObserver extends Handler.Wrapper {
  public static final String REQUEST_ID = "X-Request-Id";
  private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final AppMetrics metrics;
  private final Set<String> scrapePaths;

  /**
   * @param scrapePaths the paths that answer the Prometheus text, like {@code /_foobar/metrics}
   */
  public RequestObserver(Handler next, AppMetrics metrics, Set<String> scrapePaths) {
    super(next);
    this.metrics = metrics;
    this.scrapePaths = Set.copyOf(scrapePaths);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    if (path != null && scrapePaths.contains(path) && "GET".equals(request.getMethod())) {
      byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;version=0.0.4;charset=utf-8");
      response.write(true, ByteBuffer.wrap(body), callback);
      return true;
    }
    String id = request.getHeaders().get(REQUEST_ID);
    if (id == null || !VALID_ID.matcher(id).matches()) {
      // Not UUID.randomUUID(): its SecureRandom is one lock for every request thread.
      id =
          Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong())
              + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }
    response.getHeaders().put(REQUEST_ID, id);
    long begin = System.nanoTime();
    String route = route(path);
    String method = request.getMethod();
    MDC.put("requestId", id);
    try {
      return super.handle(
          request,
          response,
          Callback.from(
              callback,
              () ->
                  metrics.request(route, method, response.getStatus(), System.nanoTime() - begin)));
    } finally {
      MDC.remove("requestId");
    }
  }

  /** A small fixed set of labels: never the raw path (ids would explode the series). */
  private static String route(String path) {
    if (path == null) {
      return "other";
    }
    if (path.startsWith("/api/products")) {
      return "products";
    }
    if (path.startsWith("/api/orders")) {
      return "orders";
    }
    if (path.equals("/api/health") || path.equals(StackEndpoints.HEALTH)) {
      return "health";
    }
    return "other";
  }
}
