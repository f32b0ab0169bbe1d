package com.foobar.store;

import java.nio.file.Files;
import java.nio.file.Path;

/** The store as this module's build made it: the exploded WAR the tests host on the app server. */
final class StoreWar {
  /** What maven-war-plugin writes before the integration tests run. */
  static final Path LOCATION = Path.of("target/store").toAbsolutePath();

  static {
    if (!Files.isRegularFile(LOCATION.resolve("WEB-INF/web.xml"))) {
      throw new IllegalStateException(
          LOCATION + " is not built: run the integration tests through Maven (mvn verify)");
    }
  }

  private StoreWar() {}
}
