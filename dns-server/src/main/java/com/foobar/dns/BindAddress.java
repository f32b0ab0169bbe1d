package com.foobar.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Turns a configured bind address into an {@link InetAddress} without ever asking a resolver: a DNS
 * server that needs DNS to find its own address cannot start when DNS is down.
 */
final class BindAddress {
  static final String WILDCARD = "*";

  private static final Pattern IPV4 =
      Pattern.compile(
          "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");

  private BindAddress() {}

  /**
   * @return the address, or {@code null} for the wildcard (JDK dual-stack when IPv6 is available)
   * @throws IllegalArgumentException if the text is neither {@code *} nor an IP literal
   */
  static InetAddress parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("dns: empty bind address");
    }
    String s = text.strip();
    if (s.equals(WILDCARD)) {
      return null;
    }
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    // InetAddress.getByName only resolves names; IPv4 literals matching IPV4 and anything with a
    // colon (IPv6) are parsed locally.
    if (!IPV4.matcher(s).matches() && s.indexOf(':') < 0) {
      throw new IllegalArgumentException(
          "dns: bind address '" + text + "' is not an IP address (or * for all addresses)");
    }
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "dns: bind address '" + text + "' is not a valid IP address", e);
    }
  }
}
