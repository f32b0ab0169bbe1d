package com.foobar.dist.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped conf/foobar.properties documents every key, each with its real default. */
class ShippedConfigTest {
  private static final Path SHIPPED = Path.of("src/main/dist/conf/foobar.properties");

  @Test
  void listsEveryKeyOnceWithItsDefaultAndAComment() throws IOException {
    List<String> lines = Files.readAllLines(SHIPPED);
    List<PropertiesFileEntry> entries = PropertiesFileEntry.parse(lines);

    Map<String, String> shipped =
        entries.stream()
            .collect(Collectors.toMap(PropertiesFileEntry::key, PropertiesFileEntry::value));
    Map<String, String> defaults =
        ConfigKeys.ALL.stream().collect(Collectors.toMap(ConfigKey::key, ConfigKey::defaultValue));
    assertThat(shipped).isEqualTo(defaults);
    assertThat(entries).hasSize(ConfigKeys.ALL.size());
    for (PropertiesFileEntry entry : entries) {
      assertThat(lines.get(entry.line() - 2)).as("comment above " + entry.key()).startsWith("#");
    }
  }
}
