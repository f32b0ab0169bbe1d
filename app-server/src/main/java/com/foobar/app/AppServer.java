package com.foobar.app;

import com.foobar.app.http.JsonErrorHandler;
import com.foobar.app.metrics.AppMetrics;
import com.foobar.app.metrics.RequestObserver;
import com.foobar.app.stack.StackEndpoints;
import com.foobar.app.webapp.HostedWebApp;
import com.foobar.db.DataSources;
import com.foobar.http.HealthServlet;
import com.foobar.http.Json;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One application instance: a Jakarta Servlet 6 web application ({@link AppConfig#webApp()}: the
 * store, or the user's own) on Jetty, over a HikariCP pool of the application user's connections
 * bound in its JNDI, and the stack's own endpoints beside it under {@link StackEndpoints#PREFIX}.
 *
 * <pre>{@code
 * AppConfig config = new AppConfig("127.0.0.1", 0, connection, 10).withWebApp(Path.of("store"));
 * try (AppServer app = new AppServer(config)) {
 *   app.start();
 *   URI base = URI.create("http://127.0.0.1:" + app.port());
 * }
 * }</pre>
 */
public final class AppServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AppServer.class);

  /** In-flight requests get this long to finish when the instance stops. */
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  private final AppConfig config;
  private Server server;

  /** How long a connection may sit idle; the web tier keeps its own below it (15 s). */
  public static final long IDLE_TIMEOUT_MS = 30_000;

  private volatile ServerConnector connector; // read by port() while close() drains
  private HikariDataSource dataSource;
  private HostedWebApp webApp;
  private volatile boolean draining;
  private final AppMetrics metrics = new AppMetrics();

  public AppServer(AppConfig config) {
    this.config = config;
  }

  /**
   * Creates the pool, deploys the web application if there is one, and starts listening; returns
   * once requests are accepted. Starts even when the database is down: requests that need it get
   * 503 until it is back. Leaves nothing running when it throws (the pool closed, the port free).
   *
   * @throws IOException if the port cannot be bound (the BindException is in the cause chain), or
   *     there is no web application at {@link AppConfig#webApp()}
   * @throws IllegalStateException if the web application fails to start (a servlet's init throws,
   *     its web.xml does not parse): the message names the application and the failure
   */
  public synchronized void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("app: an AppServer starts once");
    }
    if (config.webApp() == null) {
      throw new IOException("app: no web application to host (AppConfig.webApp)");
    }
    // Before the pool: a socket that cannot be used leaves nothing running.
    Path socket = config.unixSocket() == null ? null : UnixSocketFile.prepare(config.unixSocket());
    dataSource = DataSources.create(config.database(), config.pool(), "app-" + config.port());
    server = new Server(new QueuedThreadPool(200, 8, 60_000));
    server.setStopTimeout(DRAIN_TIMEOUT.toMillis());
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(config.bindHost());
    connector.setPort(config.port());
    // Twice the web tier's idle timeout for its pooled connections: the proxy always closes an
    // idle connection first, so it never sends a request on one this side is closing.
    connector.setIdleTimeout(IDLE_TIMEOUT_MS);
    server.addConnector(connector);
    if (socket != null) {
      UnixDomainServerConnector local =
          new UnixDomainServerConnector(server, new HttpConnectionFactory(http));
      local.setUnixDomainPath(socket);
      local.setIdleTimeout(IDLE_TIMEOUT_MS);
      server.addConnector(local);
    }
    Json json = new Json();
    server.setErrorHandler(new JsonErrorHandler(json));
    metrics.watch(dataSource);
    try {
      server.setHandler(handler(json));
      server.start();
    } catch (Exception e) {
      HostedWebApp failed = webApp;
      boolean applicationFailed =
          failed != null && failed.context().getUnavailableException() != null;
      close();
      if (applicationFailed) {
        throw failed.startFailure(e);
      }
      throw e instanceof IOException io
              && io.getMessage() != null
              && io.getMessage().startsWith("app:")
          ? io
          : new IOException(
              "app: cannot listen on " + where(config.port()) + ": " + e.getMessage(), e);
    }
    log.info("app: {} listening on {}", config.webApp(), where(port()));
  }

  /** {@code host:port}, and the Unix socket when there is one. */
  private String where(int port) {
    return config.bindHost()
        + ":"
        + port
        + (config.unixSocket() == null ? "" : " and " + config.unixSocket());
  }

  /**
   * The application at {@code /}, the stack's endpoints beside it (the longer context path wins, so
   * the application cannot shadow them), every request observed.
   */
  private Handler handler(Json json) throws IOException {
    ContextHandlerCollection contexts = new ContextHandlerCollection();
    HostedWebApp hosted = new HostedWebApp(config.webApp(), dataSource);
    webApp = hosted;
    contexts.addHandler(hosted.context());
    HealthServlet health = new HealthServlet(json, dataSource, () -> draining, hosted::isAvailable);
    contexts.addHandler(StackEndpoints.context(json, health));
    return new GracefulHandler(
        new RequestObserver(contexts, metrics, Set.of(StackEndpoints.METRICS)));
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop now, then
    }
  }

  /** The port actually bound, after {@link #start()}. */
  public int port() {
    ServerConnector bound = connector;
    return bound == null ? -1 : bound.getLocalPort();
  }

  /**
   * Health turns 503 for the drain delay (requests still served, so the web tier stops sending
   * without a failed request), then stops accepting, lets in-flight requests finish (bounded), then
   * closes the pool.
   */
  @Override
  public synchronized void close() {
    if (server != null && server.isStarted() && !draining) {
      draining = true;
      sleep(config.drainDelay());
    }
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        log.warn("app: Jetty did not stop cleanly", e);
      }
    }
    if (webApp != null) {
      webApp.release();
      webApp = null;
    }
    if (dataSource != null) {
      dataSource.close();
      dataSource = null;
    }
  }
}
