package com.foobar.dist.config;

/** Port numbers as the configuration writes them. */
final class Ports {
  private Ports() {}

  /**
   * @throws IllegalArgumentException if the text is not a number from 0 to 65535
   */
  static int parse(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("'" + text + "' is not a port number");
  }
}
