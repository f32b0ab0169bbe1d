package com.foobar.dist.stack;

import java.net.BindException;
import java.net.SocketException;

/**
 * Turns an exception from a tier's start into the one line an operator needs, above all for the
 * classic case: a port below 1024 without the right to bind it.
 */
final class StartFailure {
  private StartFailure() {}

  static String explain(String tier, String address, String portKey, Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (cause instanceof SocketException && message.contains("Permission denied")) {
        return tier
            + ": no permission to bind "
            + address
            + ". Run as root, grant the JVM the right (setcap cap_net_bind_service=+ep"
            + " on the java binary), or choose a port above 1023 with --set "
            + portKey
            + "=PORT";
      }
      if (cause instanceof BindException) {
        return tier
            + ": cannot bind "
            + address
            + " ("
            + message
            + "). Stop whatever holds the port or pick another with --set "
            + portKey
            + "=PORT";
      }
    }
    String message = failure.getMessage();
    if (message == null) {
      return tier + ": " + failure.getClass().getSimpleName();
    }
    return message.startsWith(tier + ": ") ? message : tier + ": " + message; // once, not twice
  }
}
