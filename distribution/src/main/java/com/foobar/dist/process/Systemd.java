package com.foobar.dist.process;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Whether systemd runs a unit, and restarting it: {@code systemctl}, when there is one. */
public final class Systemd {
  private Systemd() {}

  /** True if systemd is this host's init and the unit is active. */
  public static boolean manages(String unit) {
    return run("systemctl", "is-active", "--quiet", unit) == 0;
  }

  /** {@code systemctl restart}: stop (SIGTERM, drain) and start; returns once it is ready. */
  public static boolean restart(String unit) {
    return run("systemctl", "restart", unit) == 0;
  }

  private static int run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1; // no systemctl: not a systemd host
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
