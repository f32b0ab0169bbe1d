package com.foobar.dist.config;

/** The app tier's keys; conf/foobar.properties says what each means. */
public enum AppKey implements ConfigKey {
  BIND("app.bind", "127.0.0.1", ValueType.ADDRESS),
  PORTS("app.ports", "8081,8082", ValueType.PORT_LIST),
  UNIX_SOCKET("app.unix-socket", "true", ValueType.BOOLEAN),
  POOL_MAX_SIZE("app.pool.max-size", "16", ValueType.POSITIVE_INT),
  POOL_TIMEOUT_MS("app.pool.timeout-ms", "2000", ValueType.POSITIVE_INT),
  POOL_MAX_LIFETIME_MS("app.pool.max-lifetime-ms", "1800000", ValueType.POSITIVE_INT),
  POOL_KEEPALIVE_MS("app.pool.keepalive-ms", "120000", ValueType.COUNT),
  DRAIN_DELAY_MS("app.drain-delay-ms", "2000", ValueType.COUNT),
  RELEASES_KEEP("app.releases.keep", "5", ValueType.POSITIVE_INT);

  private final Definition definition;

  AppKey(String key, String defaultValue, ValueType type) {
    this.definition = new Definition(key, defaultValue, type);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
