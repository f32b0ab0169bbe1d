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
    String path = request.getHttpURI().getCanonicalPath();
    if (path != null && (path.equals("/api") || path.startsWith("/api/"))) {
      return super.handle(request, response, callback);
    }
    return false;
  }
}
