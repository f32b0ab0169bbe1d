package com.foobar.web.proxy;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;

/**
 * Forwards each request to the next app instance in turn, over Jetty's HttpClient with pooled
 * keep-alive connections. A failure to reach the instance becomes a 502 (504 on timeout) rendered
 * by the server's error handler.
 */
public final class RoundRobinProxy extends ProxyHandler {
  private final List<URI> backends;
  private final AtomicInteger next = new AtomicInteger();

  public RoundRobinProxy(List<URI> backends) {
    if (backends.isEmpty()) {
      throw new IllegalArgumentException("web: no app instance to forward /api/* to");
    }
    this.backends = List.copyOf(backends);
  }

  @Override
  protected HttpURI rewriteHttpURI(Request request) {
    URI backend = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
    return HttpURI.build(request.getHttpURI())
        .scheme(backend.getScheme())
        .host(backend.getHost())
        .port(backend.getPort());
  }

  @Override
  protected void configureHttpClient(HttpClient client) {
    super.configureHttpClient(client);
    client.setConnectTimeout(2_000);
    client.setIdleTimeout(30_000);
    client.setMaxConnectionsPerDestination(256);
  }

  @Override
  protected void addProxyHeaders(
      Request clientToProxy, org.eclipse.jetty.client.Request proxyToServer) {
    super.addProxyHeaders(clientToProxy, proxyToServer); // Via and Forwarded
    String client = Request.getRemoteAddr(clientToProxy);
    String host = clientToProxy.getHttpURI().getAuthority();
    String scheme = clientToProxy.getHttpURI().getScheme();
    proxyToServer.headers(
        headers -> {
          // Appended like nginx's $proxy_add_x_forwarded_for; proto and host are ours to say.
          String prior = headers.get(HttpHeader.X_FORWARDED_FOR);
          headers.put(HttpHeader.X_FORWARDED_FOR, prior == null ? client : prior + ", " + client);
          headers.put(HttpHeader.X_FORWARDED_PROTO, scheme);
          headers.put(HttpHeader.X_FORWARDED_HOST, host);
        });
  }

  /** The instance's own Server header would tell the world what runs behind us. */
  @Override
  protected HttpField filterServerToProxyResponseField(HttpField field) {
    return field.getHeader() == HttpHeader.SERVER ? null : field;
  }
}
