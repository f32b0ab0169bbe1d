package com.foobar.dist.process;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT) while a rollout runs: the first asks it to stop after the instance in hand, so
 * the normal way back runs (the links restored, the instances it touched restarted on what was
 * current) instead of leaving them split; a second one exits at once. The previous handler is put
 * back on close.
 */
@SuppressWarnings("restriction")
public final class OperatorInterrupt implements AutoCloseable {
  private static final int EXIT_ON_SECOND = 130; // 128 + SIGINT, as a shell reports it

  private final AtomicBoolean requested = new AtomicBoolean();
  private final sun.misc.SignalHandler previous;

  private OperatorInterrupt(String command) {
    sun.misc.SignalHandler installed;
    try {
      installed =
          sun.misc.Signal.handle(
              new sun.misc.Signal("INT"),
              signal -> {
                if (requested.getAndSet(true)) {
                  System.err.println("foobar " + command + ": interrupted again: stopping now");
                  System.exit(EXIT_ON_SECOND);
                }
                System.err.println(
                    "foobar "
                        + command
                        + ": interrupted; going back after this instance (Ctrl-C again to stop"
                        + " at once)");
              });
    } catch (IllegalArgumentException | UnsupportedOperationException cannot) {
      installed = null; // no signal handling here: Ctrl-C ends the JVM as usual
    }
    this.previous = installed;
  }

  /** Handles SIGINT from now until {@link #close()}. */
  public static OperatorInterrupt install(String command) {
    return new OperatorInterrupt(command);
  }

  /** Whether the operator asked to stop. */
  public boolean requested() {
    return requested.get();
  }

  @Override
  public void close() {
    if (previous != null) {
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), previous);
    }
  }
}
