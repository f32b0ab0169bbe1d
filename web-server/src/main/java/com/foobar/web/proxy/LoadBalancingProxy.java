package com.foobar.web.proxy;

import com.foobar.web.SelectorThreads;
import com.foobar.web.metrics.WebMetrics;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;

/**
 * Forwards each request to the next healthy app instance, over Jetty's HttpClient with pooled
 * keep-alive connections, and retries once on another instance when the first could not be reached
 * (refused, reset, closed before any response byte) and a retry is safe: GET and HEAD, or a POST
 * carrying an {@code Idempotency-Key} (the app applies it at most once). Nothing else is retried; a
 * failure becomes a 502 (504 on timeout) rendered by the server's error handler.
 */
public final class LoadBalancingProxy extends ProxyHandler {
  // The instance the request is at, whose in-flight count it holds until released (once).
  private static final String BACKEND = LoadBalancingProxy.class.getName() + ".backend";
  private static final String BODY = LoadBalancingProxy.class.getName() + ".body";
  private static final String RETRIED = LoadBalancingProxy.class.getName() + ".retried";
  private static final String SENT_AT = LoadBalancingProxy.class.getName() + ".sentAt";
  // Why reading the client's body failed (it went away, broke a limit or the chunked framing).
  private static final String CLIENT_FAILURE =
      LoadBalancingProxy.class.getName() + ".clientFailure";
  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final String REQUEST_ID = "X-Request-Id";
  private static final java.util.regex.Pattern VALID_REQUEST_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** A retryable POST is buffered to be sent twice; the app refuses bodies over 16 KiB anyway. */
  private static final int MAX_BUFFERED_BODY = 64 * 1024;

  private final BackendPool pool;
  private final long timeoutMillis;
  private final WebMetrics metrics;
  // HttpClient finds a request's destination with ConcurrentHashMap.compute, a lock per call
  // that every request to one backend queued on (JFR); a lock-free get of our own avoids it.
  private final Map<Backend, Destination> destinations = new ConcurrentHashMap<>();

  /**
   * @param timeoutMillis the whole exchange with an instance, after which the client gets a 504
   */
  public LoadBalancingProxy(BackendPool pool, long timeoutMillis, WebMetrics metrics) {
    this.pool = pool;
    this.timeoutMillis = timeoutMillis;
    this.metrics = metrics;
  }

  /**
   * Nothing here blocks: a retryable POST's body is read asynchronously and the exchange with the
   * instance is asynchronous, so Jetty may run this on its selector thread instead of handing every
   * request to a pool thread (the hand-off cost more than the proxying).
   */
  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!isRetryablePost(request)) {
      return forward(request, response, callback);
    }
    if (request.getLength() > MAX_BUFFERED_BODY) {
      Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
      return true;
    }
    Content.Source.asByteArrayAsync(
        request,
        MAX_BUFFERED_BODY,
        Promise.Invocable.from(
            InvocationType.NON_BLOCKING,
            body -> {
              request.setAttribute(BODY, ByteBuffer.wrap(body));
              forward(request, response, callback);
            },
            failure ->
                Response.writeError(request, response, callback, bodyFailureStatus(failure))));
    return true;
  }

  private static int bodyFailureStatus(Throwable failure) {
    if (failure instanceof HttpException http) {
      return http.getCode(); // the body limit's 413, a bad chunked encoding's 400
    }
    // Jetty's reader says it hit maxSize with an IllegalStateException; else the body broke off.
    return failure instanceof IllegalStateException
        ? HttpStatus.PAYLOAD_TOO_LARGE_413
        : HttpStatus.BAD_REQUEST_400;
  }

  private boolean forward(Request request, Response response, Callback callback) {
    try {
      return super.handle(request, response, callback);
    } catch (RuntimeException e) {
      leave(request); // never sent: Jetty answers 500
      throw e;
    }
  }

  private static void enter(Request request, Backend backend) {
    backend.begin();
    request.setAttribute(BACKEND, backend);
  }

  /** Releases the instance's in-flight count; the instance, or null if already released. */
  private static Backend leave(Request request) {
    if (request.removeAttribute(BACKEND) instanceof Backend backend) {
      backend.end();
      return backend;
    }
    return null;
  }

  private static boolean isRetryablePost(Request request) {
    return HttpMethod.POST.is(request.getMethod())
        && request.getHeaders().get(IDEMPOTENCY_KEY) != null;
  }

  private static boolean isRetryable(Request request) {
    String method = request.getMethod();
    return HttpMethod.GET.is(method)
        || HttpMethod.HEAD.is(method)
        || request.getAttribute(BODY) != null;
  }

  @Override
  protected HttpURI rewriteHttpURI(Request request) {
    Backend backend = pool.next();
    enter(request, backend);
    request.setAttribute(SENT_AT, System.nanoTime());
    return to(request, backend);
  }

  private static HttpURI to(Request request, Backend backend) {
    return HttpURI.build(request.getHttpURI())
        .scheme(backend.uri().getScheme())
        .host(backend.uri().getHost())
        .port(backend.uri().getPort());
  }

  @Override
  protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request request, HttpURI uri) {
    return super.newProxyToServerRequest(request, uri)
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  protected org.eclipse.jetty.client.Request.Content newProxyToServerRequestContent(
      Request request, Response response, org.eclipse.jetty.client.Request proxyToServer) {
    ByteBuffer body = (ByteBuffer) request.getAttribute(BODY);
    return body == null ? new ClientBody(request) : new ByteBufferRequestContent(body.slice());
  }

  /**
   * The client's body streamed to the instance, noting when it fails, so that the exchange failing
   * for that reason is put down to the client and not to the instance.
   */
  private static final class ClientBody extends ProxyRequestContent {
    ClientBody(Request request) {
      super(request);
    }

    @Override
    public Content.Chunk read() {
      Content.Chunk chunk = super.read();
      if (Content.Chunk.isFailure(chunk)) {
        getContentSource().setAttribute(CLIENT_FAILURE, chunk.getFailure());
      }
      return chunk;
    }
  }

  @Override
  protected void onServerToProxyResponseFailure(
      Request request,
      org.eclipse.jetty.client.Request proxyToServer,
      org.eclipse.jetty.client.Response serverToProxy,
      Response response,
      Callback callback,
      Throwable failure) {
    if (request.getAttribute(CLIENT_FAILURE) instanceof Throwable clientFailure) {
      // The client went away mid-body or sent one over a limit: the instance did nothing wrong.
      leave(request);
      Response.writeError(request, response, callback, bodyFailureStatus(clientFailure));
      return;
    }
    if (failure instanceof RejectedExecutionException) {
      // HttpClient's queue for the instance is full: we are overloaded, the instance is not down.
      leave(request);
      Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503);
      return;
    }
    Backend failed = (Backend) request.getAttribute(BACKEND);
    boolean reached = serverToProxy != null && serverToProxy.getStatus() != 0;
    boolean timedOut = failure instanceof TimeoutException;
    if (failed != null) {
      failed.countFailure();
      if (!reached && !timedOut) {
        failed.markHealthy(false); // passive check: the active one puts it back when it answers
      }
    }
    if (!reached
        && !timedOut
        && !response.isCommitted()
        && isRetryable(request)
        && request.getAttribute(RETRIED) == null) {
      Backend other = pool.nextExcept(failed);
      if (other != null && other != failed) {
        request.setAttribute(RETRIED, Boolean.TRUE);
        leave(request);
        enter(request, other);
        request.setAttribute(SENT_AT, System.nanoTime());
        retry(request, response, callback, other);
        return;
      }
    }
    leave(request);
    if (failure instanceof SocketTimeoutException) {
      // No connection within the connect timeout: a gateway timeout, as nginx answers it.
      Response.writeError(request, response, callback, HttpStatus.GATEWAY_TIMEOUT_504);
      return;
    }
    super.onServerToProxyResponseFailure(
        request, proxyToServer, serverToProxy, response, callback, failure);
  }

  private void retry(Request request, Response response, Callback callback, Backend backend) {
    org.eclipse.jetty.client.Request again = newProxyToServerRequest(request, to(request, backend));
    copyRequestHeaders(request, again);
    addProxyHeaders(request, again);
    ByteBuffer body = (ByteBuffer) request.getAttribute(BODY);
    if (body != null) {
      again.body(new ByteBufferRequestContent(body.slice()));
    }
    sendProxyToServerRequest(request, again, response, callback);
  }

  @Override
  protected void sendProxyToServerRequest(
      Request request,
      org.eclipse.jetty.client.Request proxyToServer,
      Response response,
      Callback callback) {
    Backend backend = (Backend) request.getAttribute(BACKEND);
    if (backend == null) {
      super.sendProxyToServerRequest(request, proxyToServer, response, callback);
      return;
    }
    proxyToServer.transport(backend.transport());
    Destination destination = destinations.get(backend);
    if (destination == null) {
      destination = getHttpClient().resolveDestination(proxyToServer);
      destinations.putIfAbsent(backend, destination);
    }
    destination.send(
        proxyToServer,
        newServerToProxyResponseListener(request, proxyToServer, response, callback));
  }

  @Override
  protected void onProxyToClientResponseComplete(
      Request request,
      org.eclipse.jetty.client.Request proxyToServer,
      org.eclipse.jetty.client.Response serverToProxy,
      Response response,
      Callback callback) {
    Backend backend = leave(request);
    if (backend != null) {
      backend.countResponse();
      if (request.getAttribute(SENT_AT) instanceof Long sentAt) {
        metrics.upstream(backend, serverToProxy.getStatus(), System.nanoTime() - sentAt);
      }
    }
    ResumeInPlace.completing();
    try {
      super.onProxyToClientResponseComplete(
          request, proxyToServer, serverToProxy, response, callback);
    } finally {
      ResumeInPlace.completed();
    }
  }

  @Override
  protected void onProxyToClientResponseFailure(
      Request request,
      org.eclipse.jetty.client.Request proxyToServer,
      org.eclipse.jetty.client.Response serverToProxy,
      Response response,
      Callback callback,
      Throwable failure) {
    leave(request);
    super.onProxyToClientResponseFailure(
        request, proxyToServer, serverToProxy, response, callback, failure);
  }

  /** Jetty's client, with as many selector threads as the server side (see SelectorThreads). */
  @Override
  protected HttpClient newHttpClient() {
    ClientConnector connector = new ClientConnector();
    connector.setSelectors(SelectorThreads.perSide());
    return new HttpClient(new HttpClientTransportDynamic(connector));
  }

  @Override
  protected void configureHttpClient(HttpClient client) {
    super.configureHttpClient(client);
    client.setConnectTimeout(2_000);
    // Below the app instance's 30 s: were both equal, an instance could close a pooled connection
    // just as a request goes out on it, and a POST without an Idempotency-Key cannot be retried.
    client.setIdleTimeout(15_000);
    client.setMaxConnectionsPerDestination(256);
    client.setUserAgentField(null); // the client's own User-Agent goes through, and only it
    // The response listeners only hand bytes on asynchronously, so the client's selector thread may
    // run them itself rather than dispatch each response to a pool thread.
    client.getHttpClientTransport().setInvocationType(InvocationType.NON_BLOCKING);
  }

  /**
   * Via, Forwarded (RFC 7239) and nginx's X-Forwarded-*, each appended to what an earlier proxy
   * sent (copied already with the client's headers). Built here in one pass: ProxyHandler's own
   * (String.format, a lambda per header) was a measurable part of every proxied request.
   */
  @Override
  protected void addProxyHeaders(
      Request clientToProxy, org.eclipse.jetty.client.Request proxyToServer) {
    HttpFields received = clientToProxy.getHeaders();
    String client = Request.getRemoteAddr(clientToProxy);
    String host = clientToProxy.getHttpURI().getAuthority();
    String scheme = clientToProxy.getHttpURI().getScheme();
    String protocol = clientToProxy.getConnectionMetaData().getHttpVersion().asString();
    String via = protocol.substring(protocol.indexOf('/') + 1) + " " + getViaHost();
    String forwarded =
        "for="
            + forwardedNode(client)
            + (host == null ? "" : ";host=" + forwardedNode(host))
            + ";proto="
            + scheme;
    String requestId = clientRequestId(clientToProxy);
    proxyToServer.headers(
        headers -> {
          headers.put(HttpHeader.VIA, appended(received, HttpHeader.VIA, via));
          headers.put(HttpHeader.FORWARDED, appended(received, HttpHeader.FORWARDED, forwarded));
          headers.put(
              HttpHeader.X_FORWARDED_FOR, appended(received, HttpHeader.X_FORWARDED_FOR, client));
          headers.put(HttpHeader.X_FORWARDED_PROTO, scheme); // ours to say, as nginx does
          headers.put(HttpHeader.X_FORWARDED_HOST, host);
          if (host != null) {
            // The client's Host, also for HTTP/2, which has no Host header to copy (:authority).
            headers.put(HttpHeader.HOST, host);
          }
          headers.put(REQUEST_ID, requestId);
        });
  }

  private static String appended(HttpFields received, HttpHeader header, String ours) {
    String prior = received.get(header);
    if (prior == null) {
      return ours;
    }
    List<String> all = received.getValuesList(header); // a header may come on several lines
    return all.size() == 1 ? prior + ", " + ours : String.join(", ", all) + ", " + ours;
  }

  /** RFC 7239 quotes a node with a colon (IPv6, a port) or brackets; an unknown one is so named. */
  private static String forwardedNode(String node) {
    if (node == null || node.isEmpty()) {
      return "unknown";
    }
    return node.indexOf(':') >= 0 || node.indexOf('[') >= 0 ? '"' + node + '"' : node;
  }

  /**
   * The id that follows the request into the app's logs: the client's when it sent a sane one, else
   * a new one, the same on a retry.
   */
  private static String clientRequestId(Request request) {
    Object known = request.getAttribute(REQUEST_ID);
    if (known instanceof String id) {
      return id;
    }
    String id = request.getHeaders().get(REQUEST_ID);
    if (id == null || !VALID_REQUEST_ID.matcher(id).matches()) {
      // Not UUID.randomUUID(): its SecureRandom is one lock for every request thread.
      id =
          Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong())
              + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }
    request.setAttribute(REQUEST_ID, id);
    return id;
  }

  /** The instance's own Server header would tell the world what runs behind us. */
  @Override
  protected HttpField filterServerToProxyResponseField(HttpField field) {
    return field.getHeader() == HttpHeader.SERVER ? null : field;
  }
}
