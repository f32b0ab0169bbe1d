package com.foobar.dist.config;

import com.foobar.dist.Foobar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --set KEY=VALUE} overrides shared by the commands that act on a running stack ({@code
 * start}, {@code stop}, {@code deploy}, {@code status}): they must see the same ports and paths as
 * the tiers they talk to, and pass the overrides on to the tier processes they start.
 */
public final class ConfigOptions {
  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a key of conf/foobar.properties (repeatable).")
  private Map<String, String> overrides = new LinkedHashMap<>();

  /**
   * @throws ConfigException if a value or key is invalid
   */
  public FoobarConfig load() {
    return FoobarConfig.load(Foobar.home(), System.getenv(), overrides);
  }

  /**
   * The configuration, or empty after telling the operator on stderr what is wrong ({@code foobar
   * <command>: <message>}), for commands that then exit with status 2.
   */
  public java.util.Optional<FoobarConfig> loadOrSay(String command) {
    try {
      return java.util.Optional.of(load());
    } catch (ConfigException e) {
      System.err.println("foobar " + command + ": " + e.getMessage());
      return java.util.Optional.empty();
    }
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
