package com.foobar.web.metrics;

import com.foobar.web.proxy.PathRoute;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Times each request from arrival to the end of its response and counts it by route and status. */
public final class RequestMetrics extends Handler.Wrapper {
  private final WebMetrics metrics;

  public RequestMetrics(Handler next, WebMetrics metrics) {
    super(next);
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long begin = System.nanoTime();
    WebMetrics.Route route = route(request);
    boolean handled =
        super.handle(
            request,
            response,
            Callback.from(
                callback,
                () -> metrics.request(route, response.getStatus(), System.nanoTime() - begin)));
    if (!handled) {
      // Nobody took it: the server answers 404 itself, past our callback.
      metrics.request(route, 404, System.nanoTime() - begin);
    }
    return handled;
  }

  private static WebMetrics.Route route(Request request) {
    if ("admin".equals(request.getConnectionMetaData().getConnector().getName())) {
      return WebMetrics.Route.ADMIN;
    }
    return PathRoute.isApi(request.getHttpURI().getCanonicalPath()) // as PathRoute.api routes it
        ? WebMetrics.Route.API
        : WebMetrics.Route.STATIC;
  }
}
