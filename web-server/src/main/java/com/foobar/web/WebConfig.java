package com.foobar.web;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The front tier.
 *
 * @param bindHost a literal IP to listen on, or {@code *} for every address
 * @param httpPort the HTTP port; 0 picks a free one
 * @param webRoot the directory of the static site (with index.html and 404.html)
 * @param backends the app instances, like {@code http://127.0.0.1:8081}; {@code /api/x} goes to a
 *     backend's {@code /api/x}
 */
public record WebConfig(String bindHost, int httpPort, Path webRoot, List<URI> backends) {
  public WebConfig {
    backends = List.copyOf(backends);
  }
}
