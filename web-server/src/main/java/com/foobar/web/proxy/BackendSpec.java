package com.foobar.web.proxy;

import java.net.URI;
import java.nio.file.Path;

/**
 * An app instance as configured, like an nginx upstream {@code server} line: its address, its share
 * of the requests relative to the others ({@code weight=}, 1 to 100), whether it only stands in
 * while no other instance is healthy ({@code backup}), and, for an instance on this host, the Unix
 * domain socket it also listens on, which the proxy and its health checks then use instead of TCP
 * (nginx's {@code server unix:}); the URI still names it, in metrics, logs and Host.
 */
public record BackendSpec(URI uri, int weight, boolean backup, Path unixSocket) {
  public static final int MAX_WEIGHT = 100;

  public BackendSpec {
    if (weight < 1 || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException(
          "backend " + uri + ": weight must be 1 to " + MAX_WEIGHT + ", not " + weight);
    }
  }

  public BackendSpec(URI uri, int weight, boolean backup) {
    this(uri, weight, backup, null);
  }

  /** This instance reached over {@code unixSocket} (null: over TCP at its URI). */
  public BackendSpec withUnixSocket(Path unixSocket) {
    return new BackendSpec(uri, weight, backup, unixSocket);
  }

  /** An instance with weight 1 that is not a backup. */
  public static BackendSpec of(URI uri) {
    return new BackendSpec(uri, 1, false);
  }
}
