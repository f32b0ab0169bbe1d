package com.foobar.dist;

/** The exit statuses of the foobar command, as scripts and systemd read them. */
public final class ExitStatus {
  private ExitStatus() {}

  public static final int OK = 0;

  /** A tier, a deploy or a database action failed; the message says which and why. */
  public static final int FAILED = 1;

  /** The configuration (or a command-line value) cannot be used; nothing was started. */
  public static final int CONFIG_ERROR = 2;

  /** {@code foobar status}: not every tier serves (as {@code systemctl status} and LSB say). */
  public static final int NOT_ALL_UP = 3;
}
