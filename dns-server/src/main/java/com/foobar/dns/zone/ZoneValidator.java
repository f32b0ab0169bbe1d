package com.foobar.dns.zone;

import com.foobar.dns.ZoneFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Refuses zone data that cannot be served correctly, pointing at the offending line, and builds the
 * {@link Zone} from what passes. Checks: class IN only, no data outside the zone, exactly one SOA
 * and only at the apex, NS at the apex, a CNAME alone at its name (RFC 1034 3.6.2; DNSSEC's RRSIG
 * and NSEC may sit beside it), glue for name servers inside their own delegation, and a DNAME (RFC
 * 6672) alone of its kind at its name, not at a delegation or a wildcard, with no names below it
 * (they could never be reached).
 */
final class ZoneValidator {
  private final Path file;
  private final Name origin;

  ZoneValidator(Path file, Name origin) {
    this.file = file;
    this.origin = origin;
  }

  Zone validate(List<ZoneRecord> records) {
    ZoneRecord soa = null;
    boolean apexNs = false;
    // First line seen per name, for "CNAME beside other data" messages that point at both lines.
    Map<Name, ZoneRecord> cnames = new HashMap<>();
    Map<Name, ZoneRecord> otherData = new HashMap<>();

    for (ZoneRecord zr : records) {
      Record r = zr.record();
      Name name = r.getName();
      if (r.getDClass() != DClass.IN) {
        throw error(zr, "class " + DClass.string(r.getDClass()) + " is not supported, only IN");
      }
      if (!name.subdomain(origin)) {
        throw error(zr, name + " is outside the zone " + origin);
      }
      int type = r.getType();
      if (type == Type.SOA) {
        if (!name.equals(origin)) {
          throw error(
              zr, "SOA record at " + name + ": a SOA belongs only at the zone apex " + origin);
        }
        if (soa != null) {
          throw error(zr, "a second SOA record (the first is on line " + soa.line() + ")");
        }
        soa = zr;
      }
      if (type == Type.NS && name.equals(origin)) {
        apexNs = true;
      }
      if (type == Type.CNAME) {
        ZoneRecord previous = cnames.putIfAbsent(name, zr);
        if (previous != null && !previous.record().equals(r)) {
          throw error(
              zr, "more than one CNAME at " + name + " (also line " + previous.line() + ")");
        }
        ZoneRecord other = otherData.get(name);
        if (other != null) {
          throw cnameBeside(zr, other);
        }
      } else if (type != Type.RRSIG && type != Type.NSEC) {
        otherData.putIfAbsent(name, zr);
        ZoneRecord cname = cnames.get(name);
        if (cname != null) {
          throw cnameBeside(cname, zr);
        }
      }
    }
    if (soa == null) {
      throw new ZoneFileException(file + ": no SOA record at the zone apex " + origin);
    }
    if (!apexNs) {
      throw new ZoneFileException(file + ": no NS record at the zone apex " + origin);
    }
    requireGlue(records);
    checkDnames(records);
    return Zone.of(
        origin, (SOARecord) soa.record(), records.stream().map(ZoneRecord::record).toList());
  }

  /**
   * A delegation whose name server lies inside the delegated zone can only be reached with its
   * address from us (glue): without an A or AAAA for it, resolvers would loop. Knot's semantic
   * checks refuse such a zone the same way.
   */
  private void requireGlue(List<ZoneRecord> records) {
    Set<Name> addressed = new HashSet<>();
    for (ZoneRecord zr : records) {
      int type = zr.record().getType();
      if (type == Type.A || type == Type.AAAA) {
        addressed.add(zr.record().getName());
      }
    }
    for (ZoneRecord zr : records) {
      Record r = zr.record();
      if (r.getType() == Type.NS && !r.getName().equals(origin)) {
        Name target = ((NSRecord) r).getTarget();
        if (target.subdomain(r.getName()) && !addressed.contains(target)) {
          throw error(
              zr,
              "delegation of "
                  + r.getName()
                  + " to "
                  + target
                  + " needs glue: an A or AAAA record for "
                  + target);
        }
      }
    }
  }

  private void checkDnames(List<ZoneRecord> records) {
    Map<Name, ZoneRecord> dnames = new HashMap<>();
    for (ZoneRecord zr : records) {
      Record r = zr.record();
      if (r.getType() != Type.DNAME) {
        continue;
      }
      if (r.getName().isWild()) {
        throw error(zr, "DNAME at the wildcard name " + r.getName() + " is not supported");
      }
      ZoneRecord previous = dnames.putIfAbsent(r.getName(), zr);
      if (previous != null && !previous.record().equals(r)) {
        throw error(
            zr, "more than one DNAME at " + r.getName() + " (also line " + previous.line() + ")");
      }
    }
    if (dnames.isEmpty()) {
      return;
    }
    for (ZoneRecord zr : records) {
      Name name = zr.record().getName();
      ZoneRecord dname = dnames.get(name);
      if (dname != null && zr.record().getType() == Type.NS && !name.equals(origin)) {
        throw error(
            dname,
            "DNAME at " + name + " cannot sit at a delegation (NS on line " + zr.line() + ")");
      }
      for (int strip = 1; name.labels() - strip >= origin.labels(); strip++) {
        ZoneRecord above = dnames.get(new Name(name, strip));
        if (above != null) {
          throw error(
              zr,
              name
                  + " lies below the DNAME at "
                  + above.record().getName()
                  + " (line "
                  + above.line()
                  + ") and could never be answered");
        }
      }
    }
  }

  private ZoneFileException cnameBeside(ZoneRecord cname, ZoneRecord other) {
    ZoneRecord later = cname.line() >= other.line() ? cname : other;
    ZoneRecord earlier = later == cname ? other : cname;
    return error(
        later,
        "CNAME at "
            + cname.record().getName()
            + " cannot coexist with other data ("
            + Type.string(other.record().getType())
            + "; see also line "
            + earlier.line()
            + ")");
  }

  private ZoneFileException error(ZoneRecord at, String message) {
    return new ZoneFileException(file + " line " + at.line() + ": " + message);
  }
}
