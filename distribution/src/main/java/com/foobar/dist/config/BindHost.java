package com.foobar.dist.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Where a tier listens: a literal IP address, or {@code *} for every address. Never a host name:
 * that would mean a DNS lookup at start-up, before our own DNS tier is up.
 *
 * @param literal the address as configured ({@code *}, {@code 127.0.0.1}, {@code ::1})
 */
public record BindHost(String literal) {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

  /**
   * @throws IllegalArgumentException if the text is not {@code *} or an IP literal
   */
  public static BindHost parse(String text) {
    if (text.equals("*") || isIpLiteral(text)) {
      return new BindHost(text);
    }
    throw new IllegalArgumentException("'" + text + "' is not an IP address");
  }

  /** Whether this means every address of the host. */
  public boolean wildcard() {
    return literal.equals("*") || literal.equals("0.0.0.0") || literal.equals("::");
  }

  /** The address a command on this host connects to: loopback for a wildcard. */
  public String connectable() {
    return wildcard() ? "127.0.0.1" : literal;
  }

  /** {@link #connectable()} as the host of a URI: an IPv6 literal gets brackets. */
  public String uriHost() {
    String host = connectable();
    return host.contains(":") ? "[" + host + "]" : host;
  }

  @Override
  public String toString() {
    return literal;
  }

  /** An IPv4 dotted quad, or IPv6 (with an optional scope): forms the JDK never looks up. */
  static boolean isIpLiteral(String text) {
    boolean v4 = IPV4.matcher(text).matches();
    if (!v4 && !(text.contains(":") && IPV6.matcher(text).matches())) {
      return false;
    }
    try {
      InetAddress.getByName(text); // a literal: parsed, never resolved
      return true;
    } catch (UnknownHostException e) {
      return false; // 256.1.1.1, 1:::2
    }
  }
}
