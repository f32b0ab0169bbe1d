package com.foobar.web;

import com.foobar.web.admin.AdminConfig;
import com.foobar.web.proxy.BackendSpec;
import com.foobar.web.proxy.Balance;
import com.foobar.web.tls.TlsConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The front tier.
 *
 * @param bindHost a literal IP to listen on, or {@code *} for every address
 * @param httpPort the HTTP port; 0 picks a free one
 * @param webRoot the directory of the static site (with index.html and 404.html)
 * @param backends the app instances, like {@code http://127.0.0.1:8081}, each with its weight and
 *     whether it is a backup; {@code /api/x} goes to a backend's {@code /api/x}
 * @param healthCheckInterval how often each backend's /api/health is polled
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
    Balance balance) {

  public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_PROXY_TIMEOUT = Duration.ofSeconds(30);

  public WebConfig {
    backends = List.copyOf(backends);
    Objects.requireNonNull(balance, "balance");
    hostAliases = List.copyOf(hostAliases);
    if (healthCheckInterval.isNegative() || healthCheckInterval.isZero()) {
      throw new IllegalArgumentException("web: the health check interval must be positive");
    }
    if (proxyTimeout.isNegative() || proxyTimeout.isZero()) {
      throw new IllegalArgumentException("web: the proxy timeout must be positive");
    }
  }

  /**
   * With a health check every second, a 30 s proxy timeout, foobar.com redirected to www.foobar.com
   * and the default cache rules.
   */
  public WebConfig(String bindHost, int httpPort, Path webRoot, List<URI> backends) {
    this(
        bindHost,
        httpPort,
        webRoot,
        backends,
        DEFAULT_HEALTH_CHECK_INTERVAL,
        DEFAULT_PROXY_TIMEOUT);
  }

  /** With foobar.com redirected to www.foobar.com and the default cache rules. */
  public WebConfig(
      String bindHost,
      int httpPort,
      Path webRoot,
      List<URI> backends,
      Duration healthCheckInterval,
      Duration proxyTimeout) {
    this(
        bindHost,
        httpPort,
        webRoot,
        backends.stream().map(BackendSpec::of).toList(),
        healthCheckInterval,
        proxyTimeout,
        "www.foobar.com",
        List.of("foobar.com"),
        com.foobar.web.statics.CacheControlRules.DEFAULT,
        null,
        false,
        null,
        Balance.ROUND_ROBIN);
  }
}
