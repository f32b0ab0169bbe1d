package com.foobar.dist.release;

/**
 * A release that cannot be made or used; the message names the file and what is wrong. Either the
 * operator's input is refused (not a web application, a corrupt archive, an entry escaping the
 * release: exit 2), or the stack's own files failed it (var/releases cannot be written: exit 1).
 */
public final class ReleaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean refusedInput;

  /** The input is refused. */
  public ReleaseException(String message) {
    this(message, null, true);
  }

  /** The input is refused. */
  public ReleaseException(String message, Throwable cause) {
    this(message, cause, true);
  }

  private ReleaseException(String message, Throwable cause, boolean refusedInput) {
    super(message, cause);
    this.refusedInput = refusedInput;
  }

  /** The stack's own files failed, not the input. */
  static ReleaseException io(String message, Throwable cause) {
    return new ReleaseException(message, cause, false);
  }

  /** Whether the operator's input is at fault (rather than the disk under var/). */
  public boolean refusedInput() {
    return refusedInput;
  }
}
