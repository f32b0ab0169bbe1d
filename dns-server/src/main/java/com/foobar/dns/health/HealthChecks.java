package com.foobar.dns.health;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Health-checked answers, as PowerDNS's {@code ifurlup}: the addresses (A, AAAA) of these names are
 * each checked with an HTTP GET, and the ones failing are left out of answers, unless all fail
 * (then all are answered: better a dead address than none).
 *
 * @param names the owner names checked ({@code www.foobar.com}, {@code foobar.com})
 * @param url the URL to GET, {@code {address}} standing for each address ({@code [v6]} bracketed),
 *     e.g. {@code http://{address}/}; a 2xx answer within the interval is a success
 * @param interval how often each address is checked
 * @param rise successes in a row that bring a failed address back
 * @param fall failures in a row that take an address out
 * @param ttl the TTL of the checked names' address records in answers, short so that clients follow
 *     a change soon (the zone's own TTL stays in transfers)
 */
public record HealthChecks(
    List<String> names, String url, Duration interval, int rise, int fall, long ttl) {

  public HealthChecks {
    names = List.copyOf(Objects.requireNonNull(names, "names"));
    if (!url.contains("{address}")) {
      throw new IllegalArgumentException(
          "dns: health check URL '" + url + "' must contain {address}");
    }
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalArgumentException(
          "dns: health check URL '" + url + "' must be http:// or https://");
    }
    if (interval.isNegative() || interval.isZero() || rise < 1 || fall < 1 || ttl < 0) {
      throw new IllegalArgumentException(
          "dns: health checks need a positive interval, rise and fall >= 1 and a TTL >= 0");
    }
  }
}
