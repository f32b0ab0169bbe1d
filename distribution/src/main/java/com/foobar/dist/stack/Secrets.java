package com.foobar.dist.stack;

import com.foobar.dist.process.SecretFile;
import java.nio.file.Path;

/**
 * Where generated passwords come from: made once on first start and reused. The package keeps them
 * in owner-only files under var/secrets/; a test passes fixed ones, so the mapping from
 * configuration to tier records stays free of files.
 */
@FunctionalInterface
public interface Secrets {
  /**
   * @param name the secret's file name under var/secrets/, e.g. {@code db-app.password}
   */
  String generated(String name);

  /** The package's own: var/secrets/NAME under {@code home}, made on first use. */
  static Secrets of(Path home) {
    return name -> SecretFile.readOrCreate(home.resolve("var/secrets").resolve(name));
  }
}
