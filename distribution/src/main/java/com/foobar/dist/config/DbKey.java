package com.foobar.dist.config;

/** The database tier's keys; conf/foobar.properties says what each means. */
public enum DbKey implements ConfigKey {
  URL("db.url", "", ValueType.JDBC_URL),
  MIGRATE_ON_START("db.migrate-on-start", "true", ValueType.BOOLEAN),
  NAME("db.name", "foobar", ValueType.NAME),
  APP_USER("db.app.user", "foobar_app", ValueType.NAME),
  APP_PASSWORD("db.app.password", "", ValueType.TEXT),
  APP_HOSTS("db.app.hosts", "127.0.0.1,localhost", ValueType.ACCOUNT_HOST_LIST),
  ADMIN_USER("db.admin.user", "root", ValueType.NAME),
  ADMIN_PASSWORD("db.admin.password", "", ValueType.TEXT),
  EMBEDDED_PORT("db.embedded.port", "3306", ValueType.PORT),
  EMBEDDED_DIR("db.embedded.dir", "var/mariadb", ValueType.PATH),
  EMBEDDED_BIND("db.embedded.bind", "127.0.0.1", ValueType.ADDRESS_LIST),
  SERVER_ID("db.server-id", "0", ValueType.COUNT),
  REPLICATION_USER("db.replication.user", "foobar_repl", ValueType.NAME),
  REPLICATION_PASSWORD("db.replication.password", "", ValueType.TEXT),
  SEMI_SYNC("db.replication.semi-sync", "false", ValueType.BOOLEAN),
  METRICS("db.metrics", "", ValueType.LISTEN_ADDRESS),
  SEMI_SYNC_TIMEOUT_MS("db.replication.semi-sync-timeout-ms", "10000", ValueType.POSITIVE_INT);

  private final Definition definition;

  DbKey(String key, String defaultValue, ValueType type) {
    this.definition = new Definition(key, defaultValue, type);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
