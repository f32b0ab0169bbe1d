package com.foobar.web.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The app instances the web tier balances over, as an operator writes them (nginx's upstream {@code
 * server} lines): entries separated by commas, each {@code http://host:port} and optionally {@code
 * weight=N} (1 to 100) and {@code backup}, separated by spaces. The port defaults to 80; a path,
 * query, user, another scheme or an unknown option is refused rather than silently dropped.
 */
public final class BackendUrls {
  private BackendUrls() {}

  /**
   * @throws IllegalArgumentException naming the entry that is not a usable backend
   */
  public static List<BackendSpec> parse(String list) {
    Map<URI, BackendSpec> backends = new LinkedHashMap<>();
    for (String entry : list.split(",", -1)) {
      String[] words = entry.strip().split("\\s+");
      if (words[0].isEmpty()) {
        throw new IllegalArgumentException("an empty entry in the backend list '" + list + "'");
      }
      URI uri = parseOne(words[0]);
      int weight = 1;
      boolean backup = false;
      for (int i = 1; i < words.length; i++) {
        String option = words[i];
        if (option.equals("backup")) {
          backup = true;
        } else if (option.matches("weight=[0-9]{1,3}")) {
          weight = Integer.parseInt(option.substring("weight=".length()));
        } else {
          throw new IllegalArgumentException(
              "backend " + uri + ": unknown option '" + option + "' (weight=N or backup)");
        }
      }
      if (backends.put(uri, new BackendSpec(uri, weight, backup)) != null) {
        throw new IllegalArgumentException("backend " + uri + " is listed twice");
      }
    }
    return new ArrayList<>(backends.values());
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
