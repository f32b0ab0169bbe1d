package com.foobar.dns.transfer;

import java.net.InetSocketAddress;

/**
 * A secondary to NOTIFY: {@code 192.0.2.53} (port 53) or {@code 192.0.2.53@5300}, as Knot writes
 * it.
 */
public record NotifyTarget(InetSocketAddress address) {

  /**
   * @throws IllegalArgumentException naming the entry that is not address[@port]
   */
  public static NotifyTarget parse(String entry) {
    return new NotifyTarget(ServerAddress.parse(entry, "notify target"));
  }
}
