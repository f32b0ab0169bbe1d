package com.foobar.web.proxy;

import java.util.Locale;

/** How the web tier picks an app instance for the next request. */
public enum Balance {
  /** Each healthy instance in turn (nginx's default). */
  ROUND_ROBIN,
  /**
   * The healthy instance with the fewest requests in flight, in turn among equals (nginx's {@code
   * least_conn}): a slow instance, such as one just restarted whose JIT is still cold, gets less.
   */
  LEAST_BUSY;

  /** {@code round-robin} or {@code least-busy}, as the configuration spells it. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Balance fromConfigName(String name) {
    for (Balance balance : values()) {
      if (balance.configName().equals(name)) {
        return balance;
      }
    }
    throw new IllegalArgumentException(
        "web: balance must be round-robin or least-busy, not " + name);
  }
}
