package com.foobar.web.proxy;

import java.util.function.Predicate;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Passes the requests whose path a rule accepts to the wrapped handler and declines the rest, so a
 * {@link Handler.Sequence} tries the next one: {@code /api} and below to the proxy, or every path
 * but those to the static site.
 */
public final class PathRoute extends Handler.Wrapper {
  private final Predicate<String> accepts;

  /** {@code /api} and below to {@code next}. */
  public static PathRoute api(Handler next) {
    return new PathRoute(next, PathRoute::isApi);
  }

  private PathRoute(Handler next, Predicate<String> accepts) {
    super(next);
    this.accepts = accepts;
  }

  /** Every path but {@code /api} and below to {@code next} (the static site, in fallback mode). */
  public static PathRoute exceptApi(Handler next) {
    return new PathRoute(next, path -> !isApi(path));
  }

  /** Every path but the app instances' reserved ones to {@code next} (the proxy, in fallback). */
  public static PathRoute exceptReserved(Handler next) {
    return new PathRoute(next, path -> path != null && !AppRoutes.reserved(path));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    return accepts.test(request.getHttpURI().getCanonicalPath())
        && super.handle(request, response, callback);
  }

  /** Whether {@code path} is the API's: {@code /api} or below it. */
  public static boolean isApi(String path) {
    return path != null && (path.equals("/api") || path.startsWith("/api/"));
  }
}
