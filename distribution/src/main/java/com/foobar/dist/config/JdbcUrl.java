package com.foobar.dist.config;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MariaDB Connector/J URL, {@code jdbc:mariadb:[mode:]//host[:port][,host[:port]…]/database[?…]},
 * parsed once: what the status page labels the database with and what the client tools connect to.
 * The URL itself goes to the driver unchanged.
 *
 * @param text the URL as configured
 * @param hosts each {@code host[:port]} it names (a host name is fine here: the driver resolves it
 *     when it connects, not at start-up)
 */
public record JdbcUrl(String text, List<Endpoint> hosts) {
  private static final Pattern SHAPE =
      Pattern.compile("^jdbc:mariadb:(?:[a-z-]+:)?//([^/?]+)(?:/[^?]*)?(?:\\?.*)?$");
  private static final int DEFAULT_PORT = 3306;

  /** One host of the URL. */
  public record Endpoint(String host, int port) {
    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  public JdbcUrl {
    hosts = List.copyOf(hosts);
  }

  /**
   * @throws IllegalArgumentException naming what is wrong
   */
  public static JdbcUrl parse(String text) {
    Matcher m = SHAPE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not jdbc:mariadb://host[:port]/db");
    }
    List<Endpoint> hosts = Arrays.stream(m.group(1).split(",")).map(JdbcUrl::endpoint).toList();
    return new JdbcUrl(text, hosts);
  }

  private static Endpoint endpoint(String hostPort) {
    String text = hostPort.strip();
    String host = text;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "' has no closing ]");
      }
      host = text.substring(1, close);
      port =
          text.length() > close + 1 && text.charAt(close + 1) == ':'
              ? text.substring(close + 2)
              : null;
    } else if (text.indexOf(':') >= 0) {
      host = text.substring(0, text.indexOf(':'));
      port = text.substring(text.indexOf(':') + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("a host of the URL is empty");
    }
    return new Endpoint(host, port == null ? DEFAULT_PORT : Ports.parse(port));
  }

  /** The one host a client tool connects to; a URL of several is refused. */
  public Endpoint singleHost() {
    if (hosts.size() != 1) {
      throw new IllegalArgumentException(
          "db.url " + text + " names several hosts: run the tool against one of them");
    }
    return hosts.get(0);
  }

  /** The hosts, {@code host:port,host:port}, for a status line. */
  public String label() {
    return String.join(",", hosts.stream().map(Endpoint::toString).toList());
  }
}
