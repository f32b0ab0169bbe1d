package com.foobar.dns.zone;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;

/** The zones one server is authoritative for; finds the zone that holds a name. */
public final class ZoneSet {
  private final Map<Name, Zone> byOrigin = new HashMap<>();

  public ZoneSet(List<Zone> zones) {
    for (Zone zone : zones) {
      byOrigin.put(zone.origin(), zone);
    }
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
