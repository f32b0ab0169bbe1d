package com.foobar.dist.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A configuration example the package ships, made local for a test: each replacement must find what
 * it replaces (an example that drifted from the test fails it, rather than testing something else),
 * and lines the test needs besides are inserted where named.
 */
final class ExampleConfig {
  private final Path file;
  private String text;

  private ExampleConfig(Path file, String text) {
    this.file = file;
    this.text = text;
  }

  static ExampleConfig of(Path file) throws IOException {
    return new ExampleConfig(file, Files.readString(file));
  }

  /** Replaces every occurrence of each key by its value. */
  ExampleConfig replace(Map<String, String> replacements) {
    for (Map.Entry<String, String> replacement : replacements.entrySet()) {
      if (!text.contains(replacement.getKey())) {
        throw new AssertionError(file + " no longer has '" + replacement.getKey() + "'");
      }
      text = text.replace(replacement.getKey(), replacement.getValue());
    }
    return this;
  }

  /** Inserts {@code lines} after the first line that is exactly {@code line}. */
  ExampleConfig after(String line, String... lines) {
    List<String> all = new java.util.ArrayList<>(text.lines().toList());
    int at = all.indexOf(line);
    if (at < 0) {
      throw new AssertionError(file + " no longer has the line '" + line + "'");
    }
    all.addAll(at + 1, List.of(lines));
    text = String.join("\n", all) + "\n";
    return this;
  }

  /** Adds {@code lines} at the end. */
  ExampleConfig append(String... lines) {
    text = text + String.join("\n", lines) + "\n";
    return this;
  }

  String text() {
    return text;
  }
}
