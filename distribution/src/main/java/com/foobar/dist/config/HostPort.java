package com.foobar.dist.config;

import java.net.InetSocketAddress;

/**
 * An endpoint a tier listens on, {@code IP:port} or {@code [IPv6]:port}, parsed once from the
 * configuration and passed on typed.
 *
 * @param host a literal address (a wildcard such as {@code 0.0.0.0} is allowed, {@code *} is not:
 *     it reads as a pattern, not an address)
 * @param port 0-65535; 0 picks a free one
 */
public record HostPort(BindHost host, int port) {

  /**
   * @throws IllegalArgumentException naming what is wrong
   */
  public static HostPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("'" + text + "' is not IP:port");
    }
    String host = text.substring(0, colon);
    boolean bracketed = host.startsWith("[") && host.endsWith("]");
    if (bracketed) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.equals("*") || !BindHost.isIpLiteral(host) || (host.contains(":") && !bracketed)) {
      throw new IllegalArgumentException("'" + text + "' is not IP:port ([IPv6]:port)");
    }
    return new HostPort(new BindHost(host), Ports.parse(text.substring(colon + 1)));
  }

  /** The address to bind. */
  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(host.literal(), port); // a literal: no lookup
  }

  /** {@code host:port} as a command on this host reaches it, for a URI. */
  public String uriAuthority() {
    return host.uriHost() + ":" + port;
  }

  @Override
  public String toString() {
    return (host.literal().contains(":") ? "[" + host + "]" : host.literal()) + ":" + port;
  }
}
