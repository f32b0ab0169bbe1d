package com.foobar.web.proxy;

import java.util.Locale;

/** Which requests the web tier hands to the app instances. */
public enum AppRoutes {
  /** {@code /api} and below; every other path is the static site's (404 when it has no file). */
  API,
  /**
   * Every path the static site has no file for, as nginx's {@code try_files $uri $uri/ @app}: an
   * application that owns its URL space (a hosted web application) behind the static files. {@code
   * /api} and below always go to the app instances, file or not.
   */
  FALLBACK;

  /**
   * The prefix of the app instances' own endpoints ({@code /_foobar/health}): for the web tier's
   * checks, never proxied for a client.
   */
  public static final String RESERVED_PREFIX = "/_foobar";

  /** {@code api} or {@code fallback}, as the configuration spells it. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static AppRoutes fromConfigName(String name) {
    for (AppRoutes routes : values()) {
      if (routes.configName().equals(name)) {
        return routes;
      }
    }
    throw new IllegalArgumentException("web: app routes must be api or fallback, not " + name);
  }

  /** Whether a path is under the app instances' reserved prefix. */
  public static boolean reserved(String path) {
    return path != null && (path.equals(RESERVED_PREFIX) || path.startsWith(RESERVED_PREFIX + "/"));
  }
}
