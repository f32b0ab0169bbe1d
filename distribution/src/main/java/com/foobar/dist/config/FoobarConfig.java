package com.foobar.dist.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The effective configuration: defaults, then conf/foobar.properties, then FOOBAR_* environment
 * variables, then --set overrides, each later one winning. Every value is checked when loaded, so a
 * bad key or value stops start-up before anything runs.
 */
public final class FoobarConfig {
  /** FOOBAR_* variables read by the launcher script, not configuration keys. */
  private static final Set<String> LAUNCHER_VARIABLES = Set.of("FOOBAR_HOME", "FOOBAR_JAVA_OPTS");

  private final Path home;
  private final Map<String, String> values;

  private FoobarConfig(Path home, Map<String, String> values) {
    this.home = home;
    this.values = Map.copyOf(values);
  }

  /**
   * Loads the configuration of the package at {@code home}.
   *
   * @param environment the process environment (System.getenv() in production)
   * @param overrides --set key=value pairs from the command line
   */
  public static FoobarConfig load(
      Path home, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      values.put(key.name(), key.defaultValue());
      sources.put(key.name(), "the default");
    }
    Path file = home.resolve("conf/foobar.properties");
    for (PropertiesFileEntry entry : readFile(file)) {
      put(
          values,
          sources,
          entry.key(),
          entry.value(),
          home.relativize(file) + " line " + entry.line());
    }
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      String name = variable.getKey();
      if (!name.startsWith("FOOBAR_") || LAUNCHER_VARIABLES.contains(name)) {
        continue;
      }
      ConfigKey key =
          ConfigKeys.ALL.stream()
              .filter(k -> k.environmentName().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "environment variable " + name + " names no configuration key"));
      put(values, sources, key.name(), variable.getValue(), "environment variable " + name);
    }
    overrides.forEach((key, value) -> put(values, sources, key, value, "--set " + key));
    return new FoobarConfig(home, values);
  }

  private static void put(
      Map<String, String> values,
      Map<String, String> sources,
      String name,
      String rawValue,
      String source) {
    ConfigKey key = ConfigKeys.BY_NAME.get(name);
    if (key == null) {
      throw new ConfigException(
          source + ": unknown configuration key '" + name + "'" + suggestion(name));
    }
    String value = rawValue.trim();
    if (!key.type().accepts(value)) {
      String why = key.type().whyNot(value);
      throw new ConfigException(
          source
              + ": "
              + name
              + " = '"
              + value
              + "' is not "
              + key.type().description()
              + (why == null ? "" : " (" + why + ")"));
    }
    values.put(name, value);
    sources.put(name, source);
  }

  private static String suggestion(String name) {
    String prefix = name.contains(".") ? name.substring(0, name.indexOf('.') + 1) : name;
    List<String> near =
        ConfigKeys.ALL.stream().map(ConfigKey::name).filter(k -> k.startsWith(prefix)).toList();
    return near.isEmpty() ? "" : " (known " + prefix + "* keys: " + String.join(", ", near) + ")";
  }

  private static List<PropertiesFileEntry> readFile(Path file) {
    try {
      return PropertiesFileEntry.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return List.of(); // every key has a default
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The package directory every relative path is resolved against. */
  public Path home() {
    return home;
  }

  public String text(ConfigKey key) {
    return values.get(key.name());
  }

  public int integer(ConfigKey key) {
    return Integer.parseInt(text(key));
  }

  public List<String> list(ConfigKey key) {
    return Values.split(text(key));
  }

  public List<Integer> integers(ConfigKey key) {
    List<Integer> result = new ArrayList<>();
    for (String item : list(key)) {
      result.add(Integer.parseInt(item));
    }
    return List.copyOf(result);
  }

  /** A path value, resolved against the package directory when relative. */
  public boolean bool(ConfigKey key) {
    return Boolean.parseBoolean(text(key));
  }

  public Path path(ConfigKey key) {
    return home.resolve(text(key)).normalize();
  }
}
