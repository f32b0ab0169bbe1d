package com.foobar.web.proxy;

import java.net.URI;

/**
 * An app instance as configured, like an nginx upstream {@code server} line: its address, its share
 * of the requests relative to the others ({@code weight=}, 1 to 100), and whether it only stands in
 * while no other instance is healthy ({@code backup}).
 */
public record BackendSpec(URI uri, int weight, boolean backup) {
  public static final int MAX_WEIGHT = 100;

  public BackendSpec {
    if (weight < 1 || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException(
          "backend " + uri + ": weight must be 1 to " + MAX_WEIGHT + ", not " + weight);
    }
  }

  /** An instance with weight 1 that is not a backup. */
  public static BackendSpec of(URI uri) {
    return new BackendSpec(uri, 1, false);
  }
}
