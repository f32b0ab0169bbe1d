package com.foobar.dist.release;

/** A release that cannot be made or used; the message names the file and what is wrong. */
public final class ReleaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReleaseException(String message) {
    super(message);
  }

  public ReleaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
