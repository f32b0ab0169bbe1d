package com.foobar.web;

import com.foobar.web.accesslog.AccessLog;
import com.foobar.web.acme.Http01Challenges;
import com.foobar.web.acme.Http01Responder;
import com.foobar.web.acme.ManagedCertificate;
import com.foobar.web.admin.AdminGate;
import com.foobar.web.admin.AdminHandler;
import com.foobar.web.errors.ErrorPages;
import com.foobar.web.headers.SecurityHeaders;
import com.foobar.web.hosts.CanonicalHost;
import com.foobar.web.lifecycle.DrainingHandler;
import com.foobar.web.metrics.RequestMetrics;
import com.foobar.web.metrics.WebMetrics;
import com.foobar.web.proxy.AppRoutes;
import com.foobar.web.proxy.Backend;
import com.foobar.web.proxy.BackendHealthChecker;
import com.foobar.web.proxy.BackendPool;
import com.foobar.web.proxy.LoadBalancingProxy;
import com.foobar.web.proxy.PathRoute;
import com.foobar.web.proxy.ResumeInPlace;
import com.foobar.web.statics.CacheControlRules;
import com.foobar.web.statics.StaticFiles;
import com.foobar.web.tls.CertificateSwap;
import com.foobar.web.tls.HttpsRedirect;
import com.foobar.web.tls.TlsConnector;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front tier on Jetty 12: the static site from the webroot, and {@code /api/*} forwarded
 * round-robin to the healthy app instances (polled on /_foobar/health), retried once on another
 * instance when the first cannot be reached and the request is safe to repeat.
 *
 * <pre>{@code
 * try (WebServer web = new WebServer(WebConfig.serving(webroot).withBackendUris(backends))) {
 *   web.start();
 *   int port = web.httpPort();
 * }
 * }</pre>
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  /** The logger the access log goes to. */
  public static final String ACCESS_LOGGER = "com.foobar.web.access";

  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_REQUEST_HEADERS = 8 * 1024; // nginx: large_client_header_buffers 8k
  private static final long MAX_REQUEST_BODY = 1024 * 1024; // nginx: client_max_body_size 1m

  private final WebConfig config;
  private final StopTimeouts stopTimeouts;
  private final BackendPool backends;
  // Set once by start(), read without a lock: the redirect and the status page ask for the ports
  // on request threads, also while close() is draining them. The ports as bound, not as Jetty's
  // connectors report them: a stop closes the listening sockets first, after which a connector
  // says -2, while the requests still served redirect to the HTTPS port.
  private volatile Server server;
  private volatile DrainingHandler draining;
  private volatile int boundHttpPort = -1;
  private volatile int boundHttpsPort = -1;
  private volatile int boundAdminPort = -1;
  private final WebMetrics metrics;
  private final Http01Challenges acmeChallenges = new Http01Challenges();
  private volatile CertificateSwap certificates; // null without HTTPS

  /**
   * @throws IllegalArgumentException if a backend address is not http://host:port
   */
  public WebServer(WebConfig config) {
    this(config, StopTimeouts.DEFAULT);
  }

  /**
   * With other timeouts for the stop: a test that acts while a stop is under way needs windows that
   * a busy machine cannot outlast.
   */
  WebServer(WebConfig config, StopTimeouts stopTimeouts) {
    this.config = config;
    this.stopTimeouts = stopTimeouts;
    this.backends = new BackendPool(config.backends(), config.balance());
    this.metrics = new WebMetrics(backends.backends());
  }

  /**
   * Starts Jetty; returns once listening.
   *
   * @throws IOException if the port cannot be bound (the BindException is in the cause chain)
   * @throws IllegalArgumentException if the webroot is not a directory
   */
  public synchronized void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("web: a WebServer starts once");
    }
    server = new Server(new ResumeInPlace(200, 8, 60_000));
    server.setStopTimeout(stopTimeouts.drain().toMillis());
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(MAX_REQUEST_HEADERS); // beyond it: 431 (414 for the request line)
    // HTTP/1.1, and HTTP/2 in clear text (h2c, by prior knowledge or Upgrade) on the same port.
    ServerConnector connector =
        new ServerConnector(
            server,
            -1, // acceptors: Jetty's default
            SelectorThreads.perSide(),
            new HttpConnectionFactory(http),
            new HTTP2CServerConnectionFactory(http));
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis()); // slow or idle clients are cut off
    connector.setHost(config.bindHost().equals("*") ? null : config.bindHost());
    connector.setPort(config.httpPort());
    server.addConnector(connector);
    ServerConnector adminConnector = null;
    if (config.admin() != null) {
      HttpConfiguration adminHttp = new HttpConfiguration(http);
      adminConnector = new ServerConnector(server, new HttpConnectionFactory(adminHttp));
      adminConnector.setName(AdminGate.CONNECTOR);
      adminConnector.setHost(config.admin().bindHost());
      adminConnector.setPort(config.admin().port());
      server.addConnector(adminConnector);
    }
    ServerConnector tlsConnector = null;
    if (config.tls() != null) {
      tlsConnector = TlsConnector.create(server, http, config.tls());
      certificates = CertificateSwap.of(tlsConnector, config.tls());
      tlsConnector.setHost(connector.getHost());
      tlsConnector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
      server.addConnector(tlsConnector);
    }

    // /api/* to the app instances, everything else from the webroot (or, with FALLBACK, to the
    // app instances when the webroot has no file); text compressed on the fly unless a
    // precompressed sibling was served; every answer with the security headers.
    Handler proxy = new LoadBalancingProxy(backends, config.proxyTimeout().toMillis(), metrics);
    Handler files =
        new CacheControlRules(
            StaticFiles.handler(config.webRoot(), ResourceFactory.of(server)), config.cacheRules());
    Handler.Sequence routes =
        config.appRoutes() == AppRoutes.API
            ? new Handler.Sequence(PathRoute.api(proxy), files)
            : new Handler.Sequence(PathRoute.exceptApi(files), PathRoute.exceptReserved(proxy));
    CanonicalHost hosts =
        new CanonicalHost(
            bodyLimit(gzip(routes)), config.canonicalHost(), Set.copyOf(config.hostAliases()));
    Handler site = hosts;
    if (config.tls() != null && config.tls().redirect()) {
      site = new HttpsRedirect(site, this::httpsPort, hosts::nameFor);
    }
    // ACME's HTTP-01 answers before any redirect: the CA asks on port 80, by any of the names.
    site = new Http01Responder(site, acmeChallenges);
    if (config.admin() != null) {
      site =
          new Handler.Sequence(
              new AdminGate(
                  new AdminHandler(metrics, backends.backends(), config.admin(), this::address)),
              site);
    }
    site = new SecurityHeaders(new RequestMetrics(site, metrics));
    draining = new DrainingHandler(site);
    server.setHandler(draining);
    if (config.accessLog()) {
      // NCSA combined, to a logger the distribution sends to logs/access.log (rotated there).
      server.setRequestLog(new AccessLog(ACCESS_LOGGER));
    }
    server.setErrorHandler(new ErrorPages(config.webRoot()));
    server.addBean(new BackendHealthChecker(backends, config.healthCheckInterval()));
    for (Connector listening : server.getConnectors()) {
      ((AbstractConnector) listening).setShutdownIdleTimeout(stopTimeouts.idleClose().toMillis());
    }
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw e instanceof IOException io
          ? io
          : new IOException(
              "web: cannot listen on " + config.bindHost() + ":" + config.httpPort() + ": " + e, e);
    }
    boundHttpPort = connector.getLocalPort();
    boundHttpsPort = tlsConnector == null ? -1 : tlsConnector.getLocalPort();
    boundAdminPort = adminConnector == null ? -1 : adminConnector.getLocalPort();
    if (server.getInvocationType() != InvocationType.NON_BLOCKING) {
      log.warn("web: a blocking handler in the chain: every request is handed to a pool thread");
    }
    log.info("web: listening on {}:{}", config.bindHost(), httpPort());
  }

  private static Handler bodyLimit(Handler next) {
    SizeLimitHandler limit = new SizeLimitHandler(MAX_REQUEST_BODY, -1);
    limit.setHandler(next);
    return limit;
  }

  private static GzipHandler gzip(Handler next) {
    GzipHandler gzip = new GzipHandler(next);
    gzip.setMinGzipSize(256); // smaller bodies grow
    gzip.setIncludedMimeTypes(
        "text/html",
        "text/css",
        "text/javascript",
        "text/plain",
        "application/json",
        "image/svg+xml");
    return gzip;
  }

  /** The Jetty server, for tests that look inside it. */
  Server jetty() {
    return server;
  }

  /**
   * NON_BLOCKING when every handler promises not to block, so Jetty handles requests on the thread
   * that read them, as nginx's event loop does, without a hand-off per request.
   */
  public InvocationType invocationType() {
    return server == null ? null : server.getInvocationType();
  }

  /**
   * Requests being served now, counted until their response is complete (what a stop waits for);
   * for tests that must know the server is done with an exchange, not only that the client has it.
   */
  long inFlight() {
    return draining == null ? 0 : draining.inFlight();
  }

  /**
   * Serves {@code chainPem} (leaf first) with {@code keyPem} on HTTPS from now on, without a
   * restart: open connections stay, new handshakes get it; the keystore file is replaced too.
   *
   * @throws IllegalArgumentException when it is not a chain and its key (nothing changes)
   * @throws IllegalStateException when it serves no HTTPS
   */
  public void useCertificate(String chainPem, String keyPem) throws IOException {
    CertificateSwap swap = certificates;
    if (swap == null) {
      throw new IllegalStateException("web: no HTTPS to serve a certificate on");
    }
    swap.install(chainPem, keyPem);
  }

  /** Shows {@code managed}'s expiry and attempts in the metrics. */
  public void reportOn(ManagedCertificate managed) {
    metrics.certificate(managed);
  }

  /** The ACME HTTP-01 challenges it answers on {@code /.well-known/acme-challenge/}. */
  public Http01Challenges acmeChallenges() {
    return acmeChallenges;
  }

  /** The app instances, with their health and counters as of now. */
  public List<Backend> backends() {
    return backends.backends();
  }

  /**
   * The admin port actually bound, after {@link #start()} (also while it stops); -1 without one.
   */
  public int adminPort() {
    return boundAdminPort;
  }

  private String address() {
    return config.bindHost() + ":" + httpPort();
  }

  /**
   * The HTTPS port actually bound, after {@link #start()} (also while it stops); -1 without HTTPS.
   */
  public int httpsPort() {
    return boundHttpsPort;
  }

  /** The HTTP port actually bound, after {@link #start()} (also while it stops). */
  public int httpPort() {
    return boundHttpPort;
  }

  /**
   * Stops accepting, closes idle connections, lets in-flight requests finish (5 s at most), stops.
   * Idempotent.
   */
  @Override
  public void close() {
    // Not under this object's lock: requests still being served while Jetty drains read the ports
    // (a lock held across the stop deadlocked a selector thread against it).
    Server running = server;
    if (running == null || running.isStopped()) {
      return;
    }
    try {
      running.stop();
    } catch (Exception e) {
      log.warn("web: Jetty did not stop cleanly", e);
    }
  }
}
