package com.foobar.dist.config;

/**
 * How a command on this host reaches a tier bound to a configured address: the wildcard means every
 * address, so loopback does; an IPv6 literal gets brackets in a URI.
 */
public final class LocalAddress {
  private LocalAddress() {}

  /** The address to connect to: loopback for {@code *}, {@code 0.0.0.0} or {@code ::}. */
  public static String connectable(String bind) {
    return bind.equals("*") || bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
  }

  /** The same as a URI host. */
  public static String uriHost(String bind) {
    String host = connectable(bind);
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
