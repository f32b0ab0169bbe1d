package com.foobar.dist.config;

import com.foobar.dist.Foobar;
import com.foobar.dist.stack.TierConfigs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --set KEY=VALUE} overrides every command that reads the configuration takes, and the
 * configuration they give, loaded and validated once. A {@link ConfigException} from here reaches
 * {@link Foobar}'s handler, which prints it and exits with {@code ExitStatus.CONFIG_ERROR}: the
 * commands themselves never catch it.
 */
public final class ConfigOptions {
  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a key of conf/foobar.properties (repeatable).")
  private Map<String, String> overrides = new LinkedHashMap<>();

  private TierConfigs tiers;

  /**
   * The configuration, every value and every combination checked.
   *
   * @throws ConfigException if a key, a value or a combination cannot be used
   */
  public TierConfigs tiers() {
    if (tiers == null) {
      tiers = TierConfigs.of(load());
    }
    return tiers;
  }

  /**
   * The configuration with each value checked but not the combinations: for the commands that find
   * and stop what runs ({@link TierConfigs#unchecked}).
   *
   * @throws ConfigException if a key or a value cannot be used
   */
  public TierConfigs uncheckedTiers() {
    return tiers != null ? tiers : TierConfigs.unchecked(load());
  }

  private FoobarConfig load() {
    return FoobarConfig.load(Foobar.home(), System.getenv(), overrides);
  }

  /** The overrides as command-line arguments, for a child {@code foobar run}. */
  public List<String> asArguments() {
    List<String> arguments = new ArrayList<>();
    overrides.forEach(
        (key, value) -> {
          arguments.add("--set");
          arguments.add(key + "=" + value);
        });
    return arguments;
  }
}
