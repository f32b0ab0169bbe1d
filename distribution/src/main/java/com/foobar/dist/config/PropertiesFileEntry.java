package com.foobar.dist.config;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One key = value line of conf/foobar.properties with its line number, so an error can say where it
 * is. java.util.Properties forgets lines, so each line is parsed on its own (continuation lines are
 * not used in our file format).
 */
record PropertiesFileEntry(String key, String value, int line) {

  static List<PropertiesFileEntry> parse(List<String> lines) {
    List<PropertiesFileEntry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).strip();
      if (text.isEmpty() || text.startsWith("#") || text.startsWith("!")) {
        continue;
      }
      Properties one = new Properties();
      try {
        one.load(new StringReader(text));
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("conf/foobar.properties line " + (i + 1) + ": " + e.getMessage());
      }
      for (String name : one.stringPropertyNames()) {
        entries.add(new PropertiesFileEntry(name, one.getProperty(name), i + 1));
      }
    }
    return entries;
  }
}
