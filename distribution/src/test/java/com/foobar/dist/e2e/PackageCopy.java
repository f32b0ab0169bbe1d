package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another host's copy of the assembled package: its own conf/ and var/ (so its own database and
 * secrets), the package's code, site and MariaDB binaries shared by symbolic links.
 */
final class PackageCopy {
  private PackageCopy() {}

  /** Makes the copy at {@code home} with the package's conf/foobar.properties as shipped. */
  static Path make(Path distribution, Path home) throws IOException {
    Files.createDirectories(home.resolve("var/mariadb"));
    Path base = Files.createDirectories(distribution.resolve("var/mariadb/base")).toAbsolutePath();
    // Unpacked once, under the package's own lock, whichever host starts first.
    Files.createSymbolicLink(home.resolve("var/mariadb/base"), base);
    Files.createSymbolicLink(
        home.resolve("var/mariadb/base.lock"), base.resolveSibling("base.lock"));
    for (String shared : List.of("lib", "webapps", "webroot", "systemd")) {
      Files.createSymbolicLink(home.resolve(shared), distribution.resolve(shared).toAbsolutePath());
    }
    Files.createDirectories(home.resolve("bin"));
    Files.copy(distribution.resolve("bin/foobar"), home.resolve("bin/foobar"));
    Files.createDirectories(home.resolve("conf"));
    for (String file : List.of("logback.xml", "logback-tier.xml", "foobar.properties")) {
      Files.copy(distribution.resolve("conf").resolve(file), home.resolve("conf").resolve(file));
    }
    Files.createSymbolicLink(
        home.resolve("conf/zones"), distribution.resolve("conf/zones").toAbsolutePath());
    return home;
  }

  /** Sets {@code key} in the copy's conf/foobar.properties: the key must be there as shipped. */
  static void set(Path home, String key, String value) throws IOException {
    Path file = home.resolve("conf/foobar.properties");
    String conf = Files.readString(file);
    Matcher line = Pattern.compile("(?m)^" + Pattern.quote(key) + " =.*$").matcher(conf);
    assertThat(line.find()).as(key + " in conf/foobar.properties").isTrue();
    Files.writeString(file, line.replaceFirst(Matcher.quoteReplacement(key + " = " + value)));
  }
}
