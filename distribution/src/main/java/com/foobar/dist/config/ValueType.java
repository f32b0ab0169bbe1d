package com.foobar.dist.config;

import com.foobar.web.proxy.AppRoutes;
import com.foobar.web.proxy.BackendUrls;
import com.foobar.web.proxy.Balance;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The kinds of value a config key takes, each with its one check: the parser {@link FoobarConfig}
 * reads the value with, run once at load so a bad value stops every command before anything runs.
 */
enum ValueType {
  PORT("a port number (0-65535)", Ports::parse),
  PORT_LIST("a comma-separated list of port numbers", value -> nonEmptyList(value, Ports::parse)),
  ADDRESS("an IP address, or * for all addresses", BindHost::parse),
  ADDRESS_LIST(
      "a comma-separated list of IP addresses, or * for all addresses",
      value -> nonEmptyList(value, BindHost::parse)),
  PREFIX_LIST(
      "empty, or a comma-separated list of IP addresses or CIDR prefixes",
      value -> addressesEachWith(value, "/", length -> isIntIn(length, 0, 128))),
  TARGET_LIST(
      "empty, or a comma-separated list of IP addresses, each with an optional @port",
      value -> addressesEachWith(value, "@", port -> isIntIn(port, 1, 65535))),
  LISTEN_ADDRESS(
      "empty (off), or IP:port ([IPv6]:port)",
      value -> {
        if (!value.isEmpty()) {
          HostPort.parse(value);
        }
      }),
  COUNT("a whole number of 0 or more", value -> atLeast(value, 0)),
  POSITIVE_INT("a whole number of 1 or more", value -> atLeast(value, 1)),
  PATH("a file system path", value -> require(!value.isBlank() && value.indexOf('\0') < 0, value)),
  OPTIONAL_PATH("empty, or a file system path", value -> require(value.indexOf('\0') < 0, value)),
  NAME(
      "a name of letters, digits and _",
      value -> require(Pattern.matches("[A-Za-z0-9_]{1,64}", value), value)),
  HOST_NAME("empty, or a host name", value -> require(isHostNameOrEmpty(value), value)),
  HOST_NAME_LIST(
      "empty, or a comma-separated list of host names",
      value -> Values.split(value).forEach(name -> require(isHostNameOrEmpty(name), name))),
  ACCOUNT_HOST_LIST(
      "a comma-separated list of MariaDB account hosts: names, addresses or patterns such as"
          + " 10.0.0.%",
      value ->
          nonEmptyList(
              value, host -> require(Pattern.matches("[A-Za-z0-9.%_:-]{1,255}", host), host))),
  JDBC_URL(
      "empty (embedded MariaDB) or a jdbc:mariadb: URL",
      value -> {
        if (!value.isEmpty()) {
          JdbcUrl.parse(value);
        }
      }),
  BALANCE("round-robin or least-busy", Balance::fromConfigName),
  APP_ROUTES("api or fallback", AppRoutes::fromConfigName),
  BACKEND_LIST(
      "empty (the app instances on app.bind and app.ports), or http://host:port [weight=N]"
          + " [backup], ...",
      value -> {
        if (!value.isEmpty()) {
          BackendUrls.parse(value);
        }
      }),
  ACME_DIRECTORY(
      "empty (off), or the https:// URL of an ACME directory",
      value -> require(value.isEmpty() || isHttpsUrl(value), value)),
  CERTIFICATE_NAMES(
      "empty (web.canonical-host and web.host-aliases), or a comma-separated list of host names,"
          + " each may start with *.",
      value ->
          Values.split(value)
              .forEach(
                  name ->
                      require(
                          isHostNameOrEmpty(name.startsWith("*.") ? name.substring(2) : name),
                          name))),
  ACME_CHALLENGE(
      "http-01 or dns-01",
      value -> require(value.equals("http-01") || value.equals("dns-01"), value)),
  EMAIL(
      "empty, or an e-mail address",
      value ->
          require(
              value.isEmpty() || Pattern.matches("[^@\\s:]+@[^@\\s:]+\\.[^@\\s:]+", value), value)),
  BOOLEAN("true or false", value -> require(value.equals("true") || value.equals("false"), value)),
  TEXT("any text", value -> {});

  private static final Pattern HOST_NAME_SHAPE =
      Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9-]{1,63}\\.?");

  private final String description;
  private final Consumer<String> check;

  ValueType(String description, Consumer<String> check) {
    this.description = description;
    this.check = check;
  }

  /**
   * @throws IllegalArgumentException saying what is wrong with the value
   */
  void check(String value) {
    check.accept(value);
  }

  String description() {
    return description;
  }

  /**
   * What a refusal adds to the description, or null: only the backend list and JDBC URL checks say
   * more than "is not …" (which entry, which part).
   */
  String reason(IllegalArgumentException refusal) {
    return (this == BACKEND_LIST || this == JDBC_URL) ? refusal.getMessage() : null;
  }

  private static void require(boolean ok, String value) {
    if (!ok) {
      throw new IllegalArgumentException("'" + value + "' does not fit");
    }
  }

  private static void nonEmptyList(String value, Consumer<String> item) {
    List<String> items = Values.split(value);
    require(!items.isEmpty(), value);
    items.forEach(item);
  }

  private static void atLeast(String value, int minimum) {
    try {
      require(Integer.parseInt(value) >= minimum, value);
    } catch (NumberFormatException e) {
      require(false, value);
    }
  }

  private static boolean isIntIn(String value, int minimum, int maximum) {
    if (!value.matches("[0-9]{1,5}")) {
      return false; // digits only: Integer.parseInt would take a sign
    }
    try {
      int number = Integer.parseInt(value);
      return number >= minimum && number <= maximum;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isHttpsUrl(String value) {
    try {
      java.net.URI uri = new java.net.URI(value);
      return "https".equals(uri.getScheme()) && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static boolean isHostNameOrEmpty(String value) {
    return value.isEmpty() || HOST_NAME_SHAPE.matcher(value).matches();
  }

  /**
   * A comma-separated list (possibly empty) of literal addresses, each optionally followed by
   * {@code separator} and a suffix that {@code suffixOk} accepts (a prefix length, a port).
   */
  private static void addressesEachWith(
      String value, String separator, java.util.function.Predicate<String> suffixOk) {
    for (String entry : Values.split(value)) {
      String[] parts = entry.split(Pattern.quote(separator), 2);
      require(
          BindHost.isIpLiteral(parts[0]) && (parts.length == 1 || suffixOk.test(parts[1])), entry);
    }
  }
}
