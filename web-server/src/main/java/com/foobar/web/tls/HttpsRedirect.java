package com.foobar.web.tls;

import com.foobar.web.hosts.PermanentRedirect;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Plain HTTP requests get a 301 to the same host, path and query over HTTPS. */
public final class HttpsRedirect extends Handler.Wrapper {
  private final IntSupplier httpsPort;
  private final UnaryOperator<String> hostFor;

  /**
   * @param httpsPort the bound HTTPS port (known only once listening)
   * @param hostFor the name to redirect a request's host to (an alias to the canonical name)
   */
  public HttpsRedirect(Handler next, IntSupplier httpsPort, UnaryOperator<String> hostFor) {
    super(next);
    this.httpsPort = httpsPort;
    this.hostFor = hostFor;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (request.isSecure()) {
      return super.handle(request, response, callback);
    }
    HttpURI uri = request.getHttpURI();
    int port = httpsPort.getAsInt();
    String location =
        HttpURI.build()
            .scheme("https")
            .host(hostFor.apply(Request.getServerName(request)))
            .port(port == 443 ? -1 : port)
            .path(uri.getPath())
            .query(uri.getQuery())
            .asString();
    PermanentRedirect.send(response, callback, location);
    return true;
  }
}
