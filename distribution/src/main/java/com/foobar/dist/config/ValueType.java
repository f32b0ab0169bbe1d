package com.foobar.dist.config;

import com.foobar.web.proxy.BackendUrls;
import com.foobar.web.proxy.Balance;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.regex.Pattern;

/** The kinds of value a config key takes, each with the check that rejects a bad one. */
enum ValueType {
  PORT("a port number (0-65535)") {
    @Override
    boolean accepts(String value) {
      return isPort(value);
    }
  },
  PORT_LIST("a comma-separated list of port numbers") {
    @Override
    boolean accepts(String value) {
      return Values.split(value).stream().allMatch(ValueType::isPort)
          && !Values.split(value).isEmpty();
    }
  },
  ADDRESS("an IP address, or * for all addresses") {
    @Override
    boolean accepts(String value) {
      return isAddress(value);
    }
  },
  ADDRESS_LIST("a comma-separated list of IP addresses, or * for all addresses") {
    @Override
    boolean accepts(String value) {
      return !Values.split(value).isEmpty()
          && Values.split(value).stream().allMatch(ValueType::isAddress);
    }
  },
  PREFIX_LIST("empty, or a comma-separated list of IP addresses or CIDR prefixes") {
    @Override
    boolean accepts(String value) {
      return addressesEachWith(value, "/", length -> length.matches("[0-9]{1,3}"));
    }
  },
  TARGET_LIST("empty, or a comma-separated list of IP addresses, each with an optional @port") {
    @Override
    boolean accepts(String value) {
      return addressesEachWith(value, "@", port -> isPort(port) && !port.equals("0"));
    }
  },
  LISTEN_ADDRESS("empty (off), or IP:port ([IPv6]:port)") {
    @Override
    boolean accepts(String value) {
      if (value.isEmpty()) {
        return true;
      }
      int colon = value.lastIndexOf(':');
      if (colon < 1) {
        return false;
      }
      String host = value.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      return isAddress(host) && !host.equals("*") && isPort(value.substring(colon + 1));
    }
  },
  COUNT("a whole number of 0 or more") {
    @Override
    boolean accepts(String value) {
      return isIntAtLeast(value, 0);
    }
  },
  POSITIVE_INT("a whole number of 1 or more") {
    @Override
    boolean accepts(String value) {
      return isIntAtLeast(value, 1);
    }
  },
  PATH("a file system path") {
    @Override
    boolean accepts(String value) {
      return !value.isBlank() && value.indexOf('\0') < 0;
    }
  },
  NAME("a name of letters, digits and _") {
    @Override
    boolean accepts(String value) {
      return IDENTIFIER.matcher(value).matches();
    }
  },
  JDBC_URL("empty (embedded MariaDB) or a jdbc:mariadb: URL") {
    @Override
    boolean accepts(String value) {
      return value.isEmpty() || value.startsWith("jdbc:mariadb:");
    }
  },
  BALANCE("round-robin or least-busy") {
    @Override
    boolean accepts(String value) {
      return Arrays.stream(Balance.values())
          .anyMatch(balance -> balance.configName().equals(value));
    }
  },
  BACKEND_LIST(
      "empty (the app instances on app.bind and app.ports), or http://host:port [weight=N]"
          + " [backup], ...") {
    @Override
    boolean accepts(String value) {
      return whyNot(value) == null;
    }

    @Override
    String whyNot(String value) {
      try {
        if (!value.isEmpty()) {
          BackendUrls.parse(value);
        }
        return null;
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
  },
  BOOLEAN("true or false") {
    @Override
    boolean accepts(String value) {
      return value.equals("true") || value.equals("false");
    }
  },
  OPTIONAL_PATH("empty, or a file system path") {
    @Override
    boolean accepts(String value) {
      return value.indexOf('\0') < 0;
    }
  },
  TEXT("any text") {
    @Override
    boolean accepts(String value) {
      return true;
    }
  };

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.%a-z]+");

  private final String description;

  ValueType(String description) {
    this.description = description;
  }

  abstract boolean accepts(String value);

  /** What exactly is wrong with a value it does not accept, when there is more to say; or null. */
  String whyNot(String value) {
    return null;
  }

  String description() {
    return description;
  }

  /**
   * A comma-separated list (possibly empty) of literal addresses, each optionally followed by
   * {@code separator} and a suffix that {@code suffixOk} accepts (a prefix length, a port).
   */
  private static boolean addressesEachWith(
      String value, String separator, java.util.function.Predicate<String> suffixOk) {
    return Values.split(value).stream()
        .allMatch(
            entry -> {
              String[] parts = entry.split(java.util.regex.Pattern.quote(separator), 2);
              return isAddress(parts[0])
                  && !parts[0].equals("*")
                  && (parts.length == 1 || suffixOk.test(parts[1]));
            });
  }

  private static boolean isIntAtLeast(String value, int minimum) {
    try {
      return Integer.parseInt(value) >= minimum;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isPort(String value) {
    try {
      int port = Integer.parseInt(value);
      return port >= 0 && port <= 65535;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Literal addresses only: a host name here would mean a DNS lookup at start-up. */
  private static boolean isAddress(String value) {
    if (value.equals("*")) {
      return true;
    }
    if (!IP_LITERAL.matcher(value).matches() || !(value.contains(".") || value.contains(":"))) {
      return false;
    }
    try {
      InetAddress.getByName(value); // a literal never triggers a lookup
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
