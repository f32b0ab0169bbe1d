package com.foobar.dist.process;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd how a tier is doing ({@code Type=notify} units): {@code READY=1} once it listens,
 * so units ordered after it start only then, and {@code STOPPING=1} when it drains. Through
 * libsystemd's own {@code sd_notify} (via JNA), as the JDK cannot send on the datagram socket
 * systemd listens on. A no-op outside systemd ({@code NOTIFY_SOCKET} unset).
 */
public final class SystemdNotify {
  private static final Logger log = LoggerFactory.getLogger(SystemdNotify.class);

  /** The one libsystemd function we need. */
  public interface LibSystemd extends Library {
    int sd_notify(int unsetEnvironment, String state);
  }

  private SystemdNotify() {}

  public static void ready(String status) {
    send("READY=1\nSTATUS=" + status);
  }

  public static void stopping() {
    send("STOPPING=1");
  }

  private static void send(String state) {
    if (System.getenv("NOTIFY_SOCKET") == null) {
      return;
    }
    try {
      int result = library().sd_notify(0, state);
      if (result <= 0) {
        log.warn("systemd: sd_notify({}) returned {}", state.replace('\n', ' '), result);
      }
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      log.warn("systemd: cannot notify ({}): {}", state.replace('\n', ' '), e.toString());
    }
  }

  private static LibSystemd library() {
    try {
      return Native.load("systemd", LibSystemd.class);
    } catch (UnsatisfiedLinkError e) {
      return Native.load("libsystemd.so.0", LibSystemd.class); // no -dev package: soname only
    }
  }
}
