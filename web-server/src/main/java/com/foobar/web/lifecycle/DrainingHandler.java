package com.foobar.web.lifecycle;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;

/**
 * Lets a stop finish what is in flight: the server waits (up to its stop timeout) until every
 * request counted here has completed. Unlike Jetty's GracefulHandler, which answers 503 to any
 * request that arrives once the stop has begun, a request on a connection that was already open is
 * still served, with {@code Connection: close} on HTTP/1: nginx closes idle keep-alive connections
 * on a graceful stop and finishes its work, so a client that was between two requests sees no
 * error, and its next one goes to a new connection (and, behind a balancer, another server).
 */
public final class DrainingHandler extends Handler.Wrapper implements Graceful {
  private final AtomicLong inFlight = new AtomicLong();
  private final Shutdown shutdown =
      new Shutdown(this) {
        @Override
        public boolean isShutdownDone() {
          return inFlight.get() == 0;
        }
      };

  public DrainingHandler(Handler next) {
    super(next);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    inFlight.incrementAndGet(); // before the test below, so a stop cannot miss this request
    if (shutdown.isShutdown() && isHttp1(request)) {
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
    // Released once, whichever comes first: the callback, a handler that throws (it may do so
    // after completing the callback) or one that declines the request.
    AtomicBoolean released = new AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            completed();
          }
        };
    boolean handled;
    try {
      handled = super.handle(request, response, Callback.from(callback, release));
    } catch (Throwable failure) {
      release.run();
      throw failure;
    }
    if (!handled) {
      release.run();
    }
    return handled;
  }

  private static boolean isHttp1(Request request) {
    HttpVersion version = request.getConnectionMetaData().getHttpVersion();
    return version == HttpVersion.HTTP_1_1 || version == HttpVersion.HTTP_1_0;
  }

  private void completed() {
    if (inFlight.decrementAndGet() == 0 && shutdown.isShutdown()) {
      shutdown.check();
    }
  }

  /** Requests not yet completed. */
  public long inFlight() {
    return inFlight.get();
  }

  @Override
  public CompletableFuture<Void> shutdown() {
    return shutdown.shutdown();
  }

  @Override
  public boolean isShutdown() {
    return shutdown.isShutdown();
  }

  @Override
  protected void doStart() throws Exception {
    shutdown.cancel(); // a restarted server serves normally again
    super.doStart();
  }
}
