package com.foobar.dist.config;

import java.util.Locale;

/**
 * One configuration key: its name, its default and the kind of value it takes. Each tier declares
 * its keys as an enum ({@link DnsKey}, {@link WebKey}, {@link AppKey}, {@link DbKey}), so the list
 * of known keys is derived from the declarations; the shipped conf/foobar.properties documents
 * exactly these keys (ShippedConfigTest holds the two together).
 */
public sealed interface ConfigKey permits DnsKey, WebKey, AppKey, DbKey {

  /** What each enum constant declares. */
  record Definition(String key, String defaultValue, ValueType type) {}

  Definition definition();

  /** The key as written in conf/foobar.properties and --set: {@code dns.port}. */
  default String key() {
    return definition().key();
  }

  default String defaultValue() {
    return definition().defaultValue();
  }

  default ValueType type() {
    return definition().type();
  }

  /** The environment variable that overrides this key: dns.port -> FOOBAR_DNS_PORT. */
  default String environmentName() {
    return "FOOBAR_" + key().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
