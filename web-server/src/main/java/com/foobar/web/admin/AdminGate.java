package com.foobar.web.admin;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Passes requests that arrived on the admin connector to the admin pages and declines the rest, so
 * the site never answers on the admin port and the admin pages never on the site's.
 */
public final class AdminGate extends Handler.Wrapper {
  /** The name of the admin connector. */
  public static final String CONNECTOR = "admin";

  public AdminGate(Handler admin) {
    super(admin);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (CONNECTOR.equals(request.getConnectionMetaData().getConnector().getName())) {
      return super.handle(request, response, callback);
    }
    return false;
  }
}
