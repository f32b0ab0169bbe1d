package com.foobar.dns.transfer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A name server's address as NSD and Knot write it: {@code 192.0.2.53} (port 53) or {@code
 * 192.0.2.53@5300}; an IP address, never a name (a DNS server cannot depend on DNS to start).
 */
public final class ServerAddress {
  private ServerAddress() {}

  /**
   * @param role what the address is for, in the message ({@code notify target}, {@code primary})
   * @throws IllegalArgumentException naming the entry that is not address[@port]
   */
  public static InetSocketAddress parse(String entry, String role) {
    String[] parts = entry.strip().split("@", 2);
    String problem =
        "dns: " + role + " '" + entry + "' is not an IP address with an optional @port";
    if (!parts[0].matches("[0-9A-Fa-f:.]+")
        || !(parts[0].contains(".") || parts[0].contains(":"))) {
      throw new IllegalArgumentException(problem);
    }
    try {
      int port = parts.length == 2 ? Integer.parseInt(parts[1]) : 53;
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(problem);
      }
      return new InetSocketAddress(InetAddress.getByName(parts[0]), port);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException(problem, e);
    }
  }
}
