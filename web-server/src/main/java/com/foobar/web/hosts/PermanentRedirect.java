package com.foobar.web.hosts;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** A 301 with an empty body, as nginx's {@code return 301} sends it. */
public final class PermanentRedirect {
  private PermanentRedirect() {}

  public static void send(Response response, Callback callback, String location) {
    response.setStatus(HttpStatus.MOVED_PERMANENTLY_301);
    response.getHeaders().put(HttpHeader.LOCATION, location);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    callback.succeeded();
  }
}
