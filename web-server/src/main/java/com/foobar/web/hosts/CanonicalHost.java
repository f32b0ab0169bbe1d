package com.foobar.web.hosts;

import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Virtual hosts as the site wants them: requests for an alias ({@code foobar.com}) get a 301 to the
 * same path on the canonical name ({@code www.foobar.com}), keeping scheme and port; the canonical
 * name and any other Host get the site.
 */
public final class CanonicalHost extends Handler.Wrapper {
  private final String canonical;
  private final Set<String> aliases;

  /**
   * @param canonical the site's name; empty for no redirects
   * @param aliases names answered with a redirect to it
   */
  public CanonicalHost(Handler next, String canonical, Set<String> aliases) {
    super(next);
    this.canonical = canonical.toLowerCase(Locale.ROOT);
    this.aliases =
        aliases.stream()
            .map(a -> a.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * The name a request for {@code host} belongs on: the canonical name for an alias, else {@code
   * host} itself (or null). The HTTPS redirect uses it to send {@code http://foobar.com} to {@code
   * https://www.foobar.com} in one step instead of two.
   */
  public String nameFor(String host) {
    return isAlias(host) ? canonical : host;
  }

  /** Names compare without case and without the root's trailing dot ({@code foobar.com.}). */
  private boolean isAlias(String host) {
    if (canonical.isEmpty() || host == null) {
      return false;
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    return aliases.contains(name);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String host = Request.getServerName(request);
    if (isAlias(host)) {
      HttpURI uri = request.getHttpURI();
      int port = Request.getServerPort(request);
      boolean defaultPort =
          port <= 0 || (port == 80 && !request.isSecure()) || (port == 443 && request.isSecure());
      String location =
          HttpURI.build()
              .scheme(request.isSecure() ? "https" : "http")
              .host(canonical)
              .port(defaultPort ? -1 : port)
              .path(uri.getPath())
              .query(uri.getQuery())
              .asString();
      PermanentRedirect.send(response, callback, location);
      return true;
    }
    return super.handle(request, response, callback);
  }
}
