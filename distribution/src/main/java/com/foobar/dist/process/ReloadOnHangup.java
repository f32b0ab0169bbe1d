package com.foobar.dist.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP reloads the zones, as {@code kill -HUP} does for NSD and BIND. The JDK has no public
 * signal API; sun.misc.Signal (module jdk.unsupported) is the supported way in practice, used by
 * Jetty and others.
 */
public final class ReloadOnHangup {
  private static final Logger log = LoggerFactory.getLogger(ReloadOnHangup.class);

  private ReloadOnHangup() {}

  @SuppressWarnings("restriction")
  public static void install(java.util.function.Supplier<String> reload) {
    try {
      sun.misc.SignalHandler previous =
          sun.misc.Signal.handle(
              new sun.misc.Signal("HUP"),
              signal -> {
                String outcome = reload.get();
                System.out.println("foobar: SIGHUP: dns " + outcome);
              });
      // A process started with SIGHUP ignored (nohup, some supervisors) keeps it ignored: the JVM
      // honours that and never delivers the signal, though it accepts the handler.
      if (previous == sun.misc.SignalHandler.SIG_IGN) {
        log.warn(
            "SIGHUP is ignored by this process (started under nohup?), so foobar dns reload"
                + " cannot reach it; zone files are still watched");
      }
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log.warn("SIGHUP cannot be handled here ({}); zone files are still watched", e.toString());
    }
  }
}
