package com.foobar.dist.stack;

import java.util.Locale;

/** What one {@code foobar run} process runs: the whole stack, or one tier of it. */
public enum Tier {
  ALL,
  DB,
  APP,
  WEB,
  DNS;

  public boolean includes(Tier tier) {
    return this == ALL || this == tier;
  }

  /** As the operator writes it: {@code --tier web}, and in console lines. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The name of the process that runs this tier, of its pid file (var/run/NAME.pid) and its log:
   * {@code foobar} for the whole stack, {@code app-8081} for an app instance, else the tier.
   *
   * @param appPort the instance's port, for {@link #APP}
   */
  public String processName(int appPort) {
    return switch (this) {
      case ALL -> "foobar";
      case APP -> "app-" + appPort;
      default -> label();
    };
  }
}
