package com.foobar.web.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The app instances the web tier balances over, as an operator writes them (nginx's upstream {@code
 * server} lines): {@code http://host:port} entries separated by commas. The port defaults to 80; a
 * path, query, user or another scheme is refused rather than silently dropped.
 */
public final class BackendUrls {
  private BackendUrls() {}

  /**
   * @throws IllegalArgumentException naming the entry that is not a usable backend
   */
  public static List<URI> parse(String list) {
    Set<URI> backends = new LinkedHashSet<>();
    for (String entry : list.split(",", -1)) {
      String text = entry.strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException("an empty entry in the backend list '" + list + "'");
      }
      URI uri = parseOne(text);
      if (!backends.add(uri)) {
        throw new IllegalArgumentException("backend " + uri + " is listed twice");
      }
    }
    return new ArrayList<>(backends);
  }

  private static URI parseOne(String text) {
    if (!text.regionMatches(true, 0, "http://", 0, 7)) {
      throw new IllegalArgumentException("backend '" + text + "' must be http://host:port");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("backend '" + text + "' is not a URL: " + e.getReason());
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("backend '" + text + "' has no host");
    }
    boolean bare =
        uri.getRawUserInfo() == null
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null
            && (uri.getRawPath() == null
                || uri.getRawPath().isEmpty()
                || uri.getRawPath().equals("/"));
    if (!bare) {
      throw new IllegalArgumentException(
          "backend '" + text + "' must be only http://host:port (requests keep their own path)");
    }
    if (uri.getPort() == 0) {
      throw new IllegalArgumentException("backend '" + text + "' has port 0");
    }
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    return URI.create("http://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
  }
}
