package com.foobar.dist.config;

/** A configuration that cannot be used; the message names the key and where it came from. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
