package com.foobar.web.proxy;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Passes /api and /api/* to the wrapped proxy and declines everything else. */
public final class ApiRoute extends Handler.Wrapper {
  public ApiRoute(Handler proxy) {
    super(proxy);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    return matches(request.getHttpURI().getCanonicalPath())
        && super.handle(request, response, callback);
  }

  /** Whether {@code path} is the API's: {@code /api} or below it. */
  public static boolean matches(String path) {
    return path != null && (path.equals("/api") || path.startsWith("/api/"));
  }
}
