package com.foobar.dns.zone;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * The zones one server is authoritative for; finds the zone that holds a name. A secondary zone
 * this server has no current copy of (never transferred, or past its SOA expire) is unavailable:
 * its names get SERVFAIL, as NSD answers, not REFUSED.
 */
public final class ZoneSet {
  private final Map<Name, Zone> byOrigin = new HashMap<>();
  private final Map<Name, Zone> forTransfer = new HashMap<>();
  private final Set<Name> unavailable;

  public ZoneSet(List<Zone> zones) {
    this(zones, Set.of(), List.of());
  }

  /**
   * @param zones what answers are given from
   * @param unavailable origins of zones served here that cannot be answered from now
   * @param transferred zones whose transfer differs from their answers (the whole zone, where
   *     health checks leave addresses out of answers); the others transfer as they answer
   */
  public ZoneSet(List<Zone> zones, Set<Name> unavailable, List<Zone> transferred) {
    for (Zone zone : zones) {
      byOrigin.put(zone.origin(), zone);
    }
    for (Zone zone : transferred) {
      forTransfer.put(zone.origin(), zone);
    }
    this.unavailable = Set.copyOf(unavailable);
  }

  /** The zone as a transfer gives it (whole), or null. */
  public Zone forTransfer(Name origin) {
    Zone whole = forTransfer.get(origin);
    return whole != null ? whole : byOrigin.get(origin);
  }

  /**
   * Whether {@code name} belongs to an unavailable zone: its closest enclosing zone is one this
   * server serves but cannot answer from now.
   */
  public boolean unavailable(Name name) {
    if (unavailable.isEmpty()) {
      return false; // the usual case, and the hot path: no lookup at all
    }
    int labels = name.labels();
    for (int strip = 0; strip < labels; strip++) {
      Name candidate = strip == 0 ? name : new Name(name, strip);
      if (byOrigin.containsKey(candidate)) {
        return false;
      }
      if (unavailable.contains(candidate)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The zone with the longest origin that is an ancestor of (or equal to) {@code name}, or {@code
   * null} when the name is outside every zone (the server then answers REFUSED).
   */
  public Zone find(Name name) {
    int labels = name.labels();
    for (int strip = 0; strip < labels; strip++) {
      Zone zone = byOrigin.get(strip == 0 ? name : new Name(name, strip));
      if (zone != null) {
        return zone;
      }
    }
    return null;
  }

  /** The zone whose apex is exactly {@code origin}, or null. */
  public Zone get(Name origin) {
    return byOrigin.get(origin);
  }

  /** Every zone, in no particular order. */
  public Collection<Zone> zones() {
    return byOrigin.values();
  }

  /** How many zones are loaded. */
  public int size() {
    return byOrigin.size();
  }
}
