package com.foobar.dns.zone;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the test zone lives on the test classpath. */
public final class TestZones {
  private TestZones() {}

  /** The directory holding foobar.com.zone (the shipped records plus test names). */
  public static Path directory() {
    try {
      return Path.of(TestZones.class.getResource("/zones/foobar.com.zone").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
