package com.foobar.dist.status;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The health-checked addresses as the DNS tier's metrics give them ({@code
 * foobar_dns_health_up{address="192.0.2.10"} 1}), for its status line: {@code health: 192.0.2.10
 * up, 192.0.2.11 DOWN}.
 */
final class DnsHealth {
  private static final Pattern LINE =
      Pattern.compile("(?m)^foobar_dns_health_up\\{address=\"([^\"]+)\"\\} ([01])$");

  private DnsHealth() {}

  /** Empty when the metrics list no checked address (none checked yet, or none configured). */
  static String summary(String metrics) {
    List<String> states = new ArrayList<>();
    Matcher m = LINE.matcher(metrics);
    while (m.find()) {
      states.add(m.group(1) + (m.group(2).equals("1") ? " up" : " DOWN"));
    }
    return states.isEmpty() ? "" : "health: " + String.join(", ", states);
  }
}
