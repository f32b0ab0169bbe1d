package com.foobar.dist.stack;

/** A tier that could not start; the message is the line for the operator. */
public final class TierStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TierStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
