package com.foobar.dist.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The effective configuration: defaults, then conf/foobar.properties, then FOOBAR_* environment
 * variables, then --set overrides, each later one winning. Every value is checked when loaded, so a
 * bad key or value stops start-up before anything runs; the readers then parse it with the same
 * value types, and a message about a combination of keys can say where each value came from.
 */
public final class FoobarConfig {
  /** FOOBAR_* variables read by the launcher script, not configuration keys. */
  private static final Set<String> LAUNCHER_VARIABLES = Set.of("FOOBAR_HOME", "FOOBAR_JAVA_OPTS");

  private final Path home;
  private final Map<String, String> values;
  private final Map<String, String> sources;

  private FoobarConfig(Path home, Map<String, String> values, Map<String, String> sources) {
    this.home = home;
    this.values = Map.copyOf(values);
    this.sources = Map.copyOf(sources);
  }

  /**
   * Loads the configuration of the package at {@code home}.
   *
   * @param environment the process environment (System.getenv() in production)
   * @param overrides --set key=value pairs from the command line
   * @throws ConfigException naming the key, the value and where it came from
   */
  public static FoobarConfig load(
      Path home, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      values.put(key.key(), key.defaultValue());
      sources.put(key.key(), "the default");
    }
    Path file = home.resolve("conf/foobar.properties");
    for (PropertiesFileEntry entry : readFile(file)) {
      String source = home.relativize(file) + " line " + entry.line();
      put(values, sources, entry.key(), entry.value(), source);
    }
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      String name = variable.getKey();
      if (!name.startsWith("FOOBAR_") || LAUNCHER_VARIABLES.contains(name)) {
        continue;
      }
      ConfigKey key = ConfigKeys.BY_ENVIRONMENT_NAME.get(name);
      if (key == null) {
        throw new ConfigException("environment variable " + name + " names no configuration key");
      }
      put(values, sources, key.key(), variable.getValue(), "environment variable " + name);
    }
    overrides.forEach((key, value) -> put(values, sources, key, value, "--set " + key));
    return new FoobarConfig(home, values, sources);
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
    try {
      key.type().check(value);
    } catch (IllegalArgumentException refused) {
      String why = key.type().reason(refused);
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
        ConfigKeys.ALL.stream().map(ConfigKey::key).filter(k -> k.startsWith(prefix)).toList();
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

  /**
   * Where a key's value came from, for messages about a combination of keys: {@code the default},
   * {@code conf/foobar.properties line 12}, {@code environment variable FOOBAR_DB_URL}, {@code
   * --set db.url}.
   */
  public String source(ConfigKey key) {
    return sources.get(key.key());
  }

  /** {@code key (from source)}, the way a message about a combination names a key. */
  public String named(ConfigKey key) {
    return key.key() + " (" + source(key) + ")";
  }

  public String text(ConfigKey key) {
    return values.get(key.key());
  }

  public boolean isEmpty(ConfigKey key) {
    return text(key).isEmpty();
  }

  public int integer(ConfigKey key) {
    return Integer.parseInt(text(key));
  }

  /** A value in milliseconds (the {@code *-ms} keys). */
  public Duration millis(ConfigKey key) {
    return Duration.ofMillis(integer(key));
  }

  public boolean bool(ConfigKey key) {
    return Boolean.parseBoolean(text(key));
  }

  public List<String> list(ConfigKey key) {
    return Values.split(text(key));
  }

  public List<Integer> integers(ConfigKey key) {
    return list(key).stream().map(Integer::valueOf).toList();
  }

  /** A path value, resolved against the package directory when relative. */
  public Path path(ConfigKey key) {
    return home.resolve(text(key)).normalize();
  }

  public BindHost bindHost(ConfigKey key) {
    return BindHost.parse(text(key));
  }

  public List<BindHost> bindHosts(ConfigKey key) {
    return list(key).stream().map(BindHost::parse).toList();
  }

  /** An IP:port value; empty when the key is empty (that endpoint is off). */
  public Optional<HostPort> hostPort(ConfigKey key) {
    return isEmpty(key) ? Optional.empty() : Optional.of(HostPort.parse(text(key)));
  }

  /** A JDBC URL value; empty when the key is empty. */
  public Optional<JdbcUrl> jdbcUrl(ConfigKey key) {
    return isEmpty(key) ? Optional.empty() : Optional.of(JdbcUrl.parse(text(key)));
  }
}
