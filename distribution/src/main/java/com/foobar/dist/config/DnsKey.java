package com.foobar.dist.config;

/** The DNS tier's keys; conf/foobar.properties says what each means. */
public enum DnsKey implements ConfigKey {
  BIND("dns.bind", "*", ValueType.ADDRESS_LIST),
  PORT("dns.port", "53", ValueType.PORT),
  ZONES("dns.zones", "conf/zones", ValueType.PATH),
  TRANSFER_ALLOW("dns.transfer.allow", "", ValueType.PREFIX_LIST),
  NOTIFY("dns.notify", "", ValueType.TARGET_LIST),
  METRICS("dns.metrics", "127.0.0.1:9153", ValueType.LISTEN_ADDRESS),
  RRL_RATE("dns.rrl.rate", "0", ValueType.COUNT),
  SECONDARY_ZONES("dns.secondary.zones", "", ValueType.HOST_NAME_LIST),
  SECONDARY_PRIMARIES("dns.secondary.primaries", "", ValueType.TARGET_LIST),
  SECONDARY_DIR("dns.secondary.dir", "var/dns/secondary", ValueType.PATH),
  HEALTH_NAMES("dns.health.names", "", ValueType.HOST_NAME_LIST),
  HEALTH_URL("dns.health.url", "http://{address}/", ValueType.TEXT),
  HEALTH_INTERVAL_MS("dns.health.interval-ms", "5000", ValueType.POSITIVE_INT),
  HEALTH_RISE("dns.health.rise", "2", ValueType.POSITIVE_INT),
  HEALTH_FALL("dns.health.fall", "3", ValueType.POSITIVE_INT),
  HEALTH_TTL("dns.health.ttl", "30", ValueType.COUNT);

  private final Definition definition;

  DnsKey(String key, String defaultValue, ValueType type) {
    this.definition = new Definition(key, defaultValue, type);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
