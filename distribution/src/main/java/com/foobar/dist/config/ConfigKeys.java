package com.foobar.dist.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every key foobar understands: the constants of each enum {@link ConfigKey} permits, so a key is
 * known as soon as it is declared.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  public static final List<ConfigKey> ALL =
      Arrays.stream(ConfigKey.class.getPermittedSubclasses())
          .flatMap(tier -> Arrays.stream(tier.getEnumConstants()))
          .map(ConfigKey.class::cast)
          .toList();

  static final Map<String, ConfigKey> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::key, Function.identity()));

  static final Map<String, ConfigKey> BY_ENVIRONMENT_NAME =
      ALL.stream()
          .collect(Collectors.toUnmodifiableMap(ConfigKey::environmentName, Function.identity()));
}
