package com.foobar.dns.zone;

import com.foobar.dns.ZoneFileException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

/**
 * The zones being served, replaced as a whole on reload so a query sees either the old set or the
 * new one, never a mix. A zone is replaced only when its SOA serial grew (RFC 1982 arithmetic), as
 * secondaries would otherwise never learn of the change; a zone directory that no longer loads
 * leaves everything as it was.
 */
public final class ZoneStore implements Supplier<ZoneSet> {
  private static final Logger log = LoggerFactory.getLogger(ZoneStore.class);

  private final Path directory;
  private final ZoneLoader loader = new ZoneLoader();
  private final AtomicReference<ZoneSet> current;
  private final Consumer<Zone> onChange;
  // Secondary zones: each configured origin, with its current copy (absent: none, or expired).
  private final Map<Name, Optional<Zone>> secondaries = new HashMap<>();
  private ZoneSet fromDirectory;
  // Health-checked answers: these names' addresses in down are left out (see health()).
  private Set<Name> healthNames = Set.of();
  private Set<InetAddress> down = Set.of();
  private long healthTtl;
  // ACME DNS-01: TXT values published at _acme-challenge names for the duration of an order.
  private final Map<Name, List<String>> acmeTxt = new HashMap<>();
  private static final long ACME_TXT_TTL = 60;

  /**
   * Loads the directory now.
   *
   * @param onChange told of every zone a reload adds or updates (to NOTIFY secondaries)
   * @throws ZoneFileException if the directory cannot be served
   */
  public ZoneStore(Path directory, Consumer<Zone> onChange) {
    this(directory, onChange, Set.of());
  }

  /**
   * @param secondaryOrigins zones served from transfers ({@link #secondary}) rather than files;
   *     unavailable until their first copy arrives
   * @throws ZoneFileException if the directory cannot be served, or also holds a secondary zone
   */
  public ZoneStore(Path directory, Consumer<Zone> onChange, Set<Name> secondaryOrigins) {
    this.directory = directory;
    this.onChange = onChange;
    this.fromDirectory = loader.loadDirectory(directory, !secondaryOrigins.isEmpty());
    for (Name origin : secondaryOrigins) {
      if (fromDirectory.get(origin) != null) {
        throw new ZoneFileException(
            directory + ": " + origin + " has a zone file here and is a secondary zone too");
      }
      secondaries.put(origin, Optional.empty());
    }
    this.current = new AtomicReference<>(merged());
  }

  /**
   * Serves {@code zone} as the current copy of a secondary zone, or none ({@code empty}: expired,
   * its names then SERVFAIL).
   */
  public synchronized void secondary(Name origin, Optional<Zone> zone) {
    if (!secondaries.containsKey(origin)) {
      throw new IllegalArgumentException(origin + " is not a secondary zone here");
    }
    secondaries.put(origin, zone);
    current.set(merged());
    zone.ifPresent(onChange); // our own secondaries follow it too
  }

  /**
   * Leaves the addresses in {@code down} out of the answers for the health-checked {@code names}
   * (their TTL then {@code ttl}); transfers keep the whole zone.
   */
  public synchronized void health(Set<Name> names, Set<InetAddress> down, long ttl) {
    healthNames = Set.copyOf(names);
    this.down = Set.copyOf(down);
    healthTtl = ttl;
    current.set(merged());
  }

  /**
   * Answers {@code value} in a TXT record at {@code owner} (an {@code _acme-challenge} name) until
   * withdrawn, beside any others published there; not in transfers (a zone's own records only).
   *
   * @throws IllegalArgumentException when no zone served here holds {@code owner}
   */
  public synchronized void publishTxt(Name owner, String value) {
    if (zoneOf(owner, current.get().zones()) == null) {
      throw new IllegalArgumentException(
          "dns: " + owner + " is in none of the zones served here: no TXT record can be published");
    }
    acmeTxt.computeIfAbsent(owner, n -> new ArrayList<>()).add(value);
    current.set(merged());
  }

  /** Stops answering {@code value} at {@code owner}. */
  public synchronized void withdrawTxt(Name owner, String value) {
    List<String> values = acmeTxt.get(owner);
    if (values != null && values.remove(value)) {
      if (values.isEmpty()) {
        acmeTxt.remove(owner);
      }
      current.set(merged());
    }
  }

  /** The served zone that holds {@code name} (the deepest), or null. */
  private static Zone zoneOf(Name name, Collection<Zone> zones) {
    Zone best = null;
    for (Zone zone : zones) {
      if (name.subdomain(zone.origin())
          && (best == null || zone.origin().labels() > best.origin().labels())) {
        best = zone;
      }
    }
    return best;
  }

  /** The published TXT records that {@code zone} holds (none for a deeper zone's names). */
  private List<org.xbill.DNS.Record> txtIn(Zone zone, Collection<Zone> all) {
    List<org.xbill.DNS.Record> records = new ArrayList<>();
    acmeTxt.forEach(
        (owner, values) -> {
          if (zoneOf(owner, all) == zone) {
            for (String value : values) {
              records.add(new TXTRecord(owner, DClass.IN, ACME_TXT_TTL, value));
            }
          }
        });
    return records;
  }

  /** The addresses of the health-checked names in every zone served (the whole zones). */
  public Set<InetAddress> healthCheckedAddresses(Set<Name> names) {
    Set<InetAddress> addresses = new java.util.LinkedHashSet<>();
    ZoneSet served = current.get();
    for (Zone zone : served.zones()) {
      addresses.addAll(served.forTransfer(zone.origin()).addressesOf(names));
    }
    return addresses;
  }

  /**
   * The directory's zones and the secondary zones with a copy (the others unavailable), with the
   * health-checked names' answers as the checks say.
   */
  private ZoneSet merged() {
    List<Zone> all = new ArrayList<>(fromDirectory.zones());
    Set<Name> unavailable = new HashSet<>();
    secondaries.forEach(
        (origin, zone) -> {
          if (zone.isPresent()) {
            all.add(zone.get());
          } else {
            unavailable.add(origin);
          }
        });
    if (healthNames.isEmpty() && acmeTxt.isEmpty()) {
      return new ZoneSet(all, unavailable, List.of());
    }
    List<Zone> answered = new ArrayList<>();
    for (Zone zone : all) {
      boolean checked = !healthNames.isEmpty() && !zone.addressesOf(healthNames).isEmpty();
      Zone answering = checked ? zone.withHealth(healthNames, down, healthTtl) : zone;
      List<org.xbill.DNS.Record> txt = txtIn(zone, all);
      answered.add(txt.isEmpty() ? answering : answering.with(txt));
    }
    return new ZoneSet(answered, unavailable, all);
  }

  @Override
  public ZoneSet get() {
    return current.get();
  }

  /**
   * Loads the directory again and swaps in every zone whose serial grew, every new zone, and drops
   * zones whose file is gone.
   *
   * @return one line saying what changed, or why nothing did
   */
  public synchronized String reload() {
    ZoneSet loaded;
    try {
      loaded = loader.loadDirectory(directory, !secondaries.isEmpty());
    } catch (ZoneFileException e) {
      log.warn("dns: reload refused, still serving the previous zones: {}", e.getMessage());
      return "reload refused, previous zones kept: " + e.getMessage();
    }
    ZoneSet old = fromDirectory;
    List<Zone> next = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    for (Zone zone : loaded.zones()) {
      Zone before = old.get(zone.origin());
      if (before == null) {
        next.add(zone);
        changes.add("added " + zone.origin() + " serial " + zone.soa().getSerial());
      } else if (serialGrew(before.soa().getSerial(), zone.soa().getSerial())) {
        next.add(zone);
        changes.add(
            "updated "
                + zone.origin()
                + " serial "
                + before.soa().getSerial()
                + " -> "
                + zone.soa().getSerial());
      } else {
        next.add(before);
        if (!before.records().equals(zone.records())) {
          log.warn(
              "dns: {} changed on disk but its serial {} did not grow: keeping the served version",
              zone.origin(),
              zone.soa().getSerial());
          changes.add(
              "kept " + zone.origin() + " (serial " + zone.soa().getSerial() + " not raised)");
        }
      }
    }
    for (Zone zone : old.zones()) {
      if (loaded.get(zone.origin()) == null) {
        changes.add("removed " + zone.origin());
      }
    }
    for (Zone zone : next) {
      if (secondaries.containsKey(zone.origin())) {
        log.warn("dns: reload refused: {} is a secondary zone, not a file here", zone.origin());
        return "reload refused, previous zones kept: "
            + zone.origin()
            + " is a secondary zone and has a zone file too";
      }
    }
    fromDirectory = new ZoneSet(next);
    current.set(merged());
    for (Zone zone : next) {
      if (zone != old.get(zone.origin())) {
        onChange.accept(zone);
      }
    }
    String summary = changes.isEmpty() ? "no zone changed" : String.join(", ", changes);
    log.info("dns: reload: {}", summary);
    return summary;
  }

  /** RFC 1982 serial number arithmetic: {@code next} is ahead of {@code previous}. */
  public static boolean serialGrew(long previous, long next) {
    long distance = (next - previous) & 0xFFFFFFFFL;
    return distance != 0 && distance < 0x80000000L;
  }
}
