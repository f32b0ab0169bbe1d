package com.foobar.dist.config;

/**
 * One configuration key: its name, its default and what it means. The shipped
 * conf/foobar.properties documents exactly these keys (a test holds the two together).
 */
public record ConfigKey(String name, String defaultValue, ValueType type, String description) {

  /** The environment variable that overrides this key: dns.port -> FOOBAR_DNS_PORT. */
  public String environmentName() {
    return "FOOBAR_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
