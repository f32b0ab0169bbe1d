package com.foobar.web;

import com.foobar.web.admin.AdminConfig;
import com.foobar.web.proxy.AppRoutes;
import com.foobar.web.proxy.BackendSpec;
import com.foobar.web.proxy.Balance;
import com.foobar.web.statics.CacheControlRules;
import com.foobar.web.tls.TlsConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The front tier. Start from {@link #serving(Path)}, the defaults, and change what differs with the
 * {@code with…} methods, one a field.
 *
 * @param bindHost a literal IP to listen on, or {@code *} for every address
 * @param httpPort the HTTP port; 0 picks a free one
 * @param webRoot the directory of the static site (with index.html and 404.html)
 * @param backends the app instances, like {@code http://127.0.0.1:8081}, each with its weight and
 *     whether it is a backup; {@code /api/x} goes to a backend's {@code /api/x}
 * @param healthCheckInterval how often each backend's /_foobar/health is polled
 * @param proxyTimeout the longest a backend may take to answer a request before the client gets 504
 * @param canonicalHost the site's name ({@code www.foobar.com}); empty for no host redirects
 * @param hostAliases names answered with a 301 to the canonical host ({@code foobar.com})
 * @param cacheRules Cache-Control per path pattern, see {@link
 *     com.foobar.web.statics.CacheControlRules}
 * @param tls HTTPS (with HTTP/2), or null for plain HTTP only
 * @param accessLog whether requests are logged in NCSA combined format (to the logger {@code
 *     com.foobar.web.access}, which the distribution writes to logs/access.log)
 * @param admin the admin port (metrics, status page), or null for none
 * @param balance how a request's app instance is chosen
 * @param appRoutes which requests go to the app instances: {@code /api/*}, or every path the static
 *     site has no file for
 */
public record WebConfig(
    String bindHost,
    int httpPort,
    Path webRoot,
    List<BackendSpec> backends,
    Duration healthCheckInterval,
    Duration proxyTimeout,
    String canonicalHost,
    List<String> hostAliases,
    String cacheRules,
    TlsConfig tls,
    boolean accessLog,
    AdminConfig admin,
    Balance balance,
    AppRoutes appRoutes) {

  /** A health check every second. */
  public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(1);

  /** 30 s for a backend to answer before the client gets 504. */
  public static final Duration DEFAULT_PROXY_TIMEOUT = Duration.ofSeconds(30);

  public WebConfig {
    backends = List.copyOf(backends);
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(appRoutes, "appRoutes");
    hostAliases = List.copyOf(hostAliases);
    if (healthCheckInterval.isNegative() || healthCheckInterval.isZero()) {
      throw new IllegalArgumentException("web: the health check interval must be positive");
    }
    if (proxyTimeout.isNegative() || proxyTimeout.isZero()) {
      throw new IllegalArgumentException("web: the proxy timeout must be positive");
    }
  }

  /**
   * The defaults, serving {@code webRoot}; change a field with its {@code with…} method:
   *
   * <ul>
   *   <li>bind host {@code 127.0.0.1}, HTTP port 0 (a free one)
   *   <li>no backends: a {@link WebServer} needs at least one, see {@link #withBackendUris}
   *   <li>a health check every second ({@link #DEFAULT_HEALTH_CHECK_INTERVAL}), a 30 s proxy
   *       timeout ({@link #DEFAULT_PROXY_TIMEOUT})
   *   <li>canonical host {@code www.foobar.com}, with {@code foobar.com} redirected to it
   *   <li>the default cache rules ({@link CacheControlRules#DEFAULT})
   *   <li>no TLS, no access log, no admin port
   *   <li>round-robin ({@link Balance#ROUND_ROBIN})
   *   <li>only {@code /api} and below to the app instances ({@link AppRoutes#API})
   * </ul>
   */
  public static WebConfig serving(Path webRoot) {
    return new WebConfig(
        "127.0.0.1",
        0,
        webRoot,
        List.of(),
        DEFAULT_HEALTH_CHECK_INTERVAL,
        DEFAULT_PROXY_TIMEOUT,
        "www.foobar.com",
        List.of("foobar.com"),
        CacheControlRules.DEFAULT,
        null,
        false,
        null,
        Balance.ROUND_ROBIN,
        AppRoutes.API);
  }

  public WebConfig withBindHost(String bindHost) {
    return with(draft -> draft.bindHost = bindHost);
  }

  public WebConfig withHttpPort(int httpPort) {
    return with(draft -> draft.httpPort = httpPort);
  }

  public WebConfig withWebRoot(Path webRoot) {
    return with(draft -> draft.webRoot = webRoot);
  }

  public WebConfig withBackends(List<BackendSpec> backends) {
    return with(draft -> draft.backends = backends);
  }

  /** Each an instance of weight 1 that is not a backup ({@link BackendSpec#of}). */
  public WebConfig withBackendUris(List<URI> uris) {
    return withBackends(uris.stream().map(BackendSpec::of).toList());
  }

  public WebConfig withHealthCheckInterval(Duration healthCheckInterval) {
    return with(draft -> draft.healthCheckInterval = healthCheckInterval);
  }

  public WebConfig withProxyTimeout(Duration proxyTimeout) {
    return with(draft -> draft.proxyTimeout = proxyTimeout);
  }

  public WebConfig withCanonicalHost(String canonicalHost) {
    return with(draft -> draft.canonicalHost = canonicalHost);
  }

  public WebConfig withHostAliases(List<String> hostAliases) {
    return with(draft -> draft.hostAliases = hostAliases);
  }

  public WebConfig withCacheRules(String cacheRules) {
    return with(draft -> draft.cacheRules = cacheRules);
  }

  public WebConfig withTls(TlsConfig tls) {
    return with(draft -> draft.tls = tls);
  }

  public WebConfig withAccessLog(boolean accessLog) {
    return with(draft -> draft.accessLog = accessLog);
  }

  public WebConfig withAdmin(AdminConfig admin) {
    return with(draft -> draft.admin = admin);
  }

  public WebConfig withBalance(Balance balance) {
    return with(draft -> draft.balance = balance);
  }

  public WebConfig withAppRoutes(AppRoutes appRoutes) {
    return with(draft -> draft.appRoutes = appRoutes);
  }

  /** This config with one change, validated again by the canonical constructor. */
  private WebConfig with(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.config();
  }

  /** The fields by name while one changes, so that a wither names the one it changes. */
  private static final class Draft {
    String bindHost;
    int httpPort;
    Path webRoot;
    List<BackendSpec> backends;
    Duration healthCheckInterval;
    Duration proxyTimeout;
    String canonicalHost;
    List<String> hostAliases;
    String cacheRules;
    TlsConfig tls;
    boolean accessLog;
    AdminConfig admin;
    Balance balance;
    AppRoutes appRoutes;

    Draft(WebConfig config) {
      bindHost = config.bindHost;
      httpPort = config.httpPort;
      webRoot = config.webRoot;
      backends = config.backends;
      healthCheckInterval = config.healthCheckInterval;
      proxyTimeout = config.proxyTimeout;
      canonicalHost = config.canonicalHost;
      hostAliases = config.hostAliases;
      cacheRules = config.cacheRules;
      tls = config.tls;
      accessLog = config.accessLog;
      admin = config.admin;
      balance = config.balance;
      appRoutes = config.appRoutes;
    }

    WebConfig config() {
      return new WebConfig(
          bindHost,
          httpPort,
          webRoot,
          backends,
          healthCheckInterval,
          proxyTimeout,
          canonicalHost,
          hostAliases,
          cacheRules,
          tls,
          accessLog,
          admin,
          balance,
          appRoutes);
    }
  }
}
