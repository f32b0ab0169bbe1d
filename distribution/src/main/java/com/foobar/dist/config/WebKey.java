package com.foobar.dist.config;

/** The web tier's keys; conf/foobar.properties says what each means. */
public enum WebKey implements ConfigKey {
  BIND("web.bind", "*", ValueType.ADDRESS),
  HTTP_PORT("web.http.port", "80", ValueType.PORT),
  ROOT("web.root", "webroot", ValueType.PATH),
  HTTPS_PORT("web.https.port", "443", ValueType.PORT),
  HTTPS_KEYSTORE("web.https.keystore", "", ValueType.OPTIONAL_PATH),
  HTTPS_KEYSTORE_PASSWORD("web.https.keystore-password", "", ValueType.TEXT),
  HTTPS_REDIRECT("web.https.redirect", "false", ValueType.BOOLEAN),
  ACME_DIRECTORY("web.https.acme.directory", "", ValueType.ACME_DIRECTORY),
  ACME_AGREE_TERMS("web.https.acme.agree-terms", "false", ValueType.BOOLEAN),
  ACME_CONTACT("web.https.acme.contact", "", ValueType.EMAIL),
  ACME_NAMES("web.https.acme.names", "", ValueType.CERTIFICATE_NAMES),
  ACME_CHALLENGE("web.https.acme.challenge", "http-01", ValueType.ACME_CHALLENGE),
  ACME_DIRECTORY_CA("web.https.acme.directory-ca", "", ValueType.OPTIONAL_PATH),
  ADMIN("web.admin", "127.0.0.1:9180", ValueType.LISTEN_ADDRESS),
  ACCESS_LOG("web.access-log", "true", ValueType.BOOLEAN),
  HEALTH_INTERVAL_MS("web.health.interval-ms", "1000", ValueType.POSITIVE_INT),
  PROXY_TIMEOUT_MS("web.proxy.timeout-ms", "30000", ValueType.POSITIVE_INT),
  BACKENDS("web.backends", "", ValueType.BACKEND_LIST),
  BALANCE("web.balance", "round-robin", ValueType.BALANCE),
  APP_ROUTES("web.app-routes", "api", ValueType.APP_ROUTES),
  CANONICAL_HOST("web.canonical-host", "www.foobar.com", ValueType.HOST_NAME),
  HOST_ALIASES("web.host-aliases", "foobar.com", ValueType.HOST_NAME_LIST),
  CACHE_CONTROL(
      "web.cache-control",
      "*.html /: no-cache; *.css *.js *.svg *.png *.ico *.woff2: public, max-age=3600",
      ValueType.TEXT);

  private final Definition definition;

  WebKey(String key, String defaultValue, ValueType type) {
    this.definition = new Definition(key, defaultValue, type);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
