package com.foobar.dns.transfer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may transfer our zones: addresses or CIDR prefixes ({@code 192.0.2.7}, {@code 10.0.0.0/8},
 * {@code ::1}). Empty by default, like NSD and Knot: nobody.
 */
public final class TransferAcl {
  private record Prefix(byte[] network, int bits) {}

  private final List<Prefix> prefixes;

  private TransferAcl(List<Prefix> prefixes) {
    this.prefixes = prefixes;
  }

  public static TransferAcl none() {
    return new TransferAcl(List.of());
  }

  /**
   * @throws IllegalArgumentException naming the entry that is not an address or prefix
   */
  public static TransferAcl of(List<String> entries) {
    List<Prefix> prefixes = new ArrayList<>();
    for (String entry : entries) {
      prefixes.add(parse(entry.strip()));
    }
    return new TransferAcl(List.copyOf(prefixes));
  }

  private static Prefix parse(String entry) {
    String[] parts = entry.split("/", 2);
    if (!parts[0].matches("[0-9A-Fa-f:.]+")
        || !(parts[0].contains(".") || parts[0].contains(":"))) {
      throw new IllegalArgumentException(
          "dns: transfer ACL entry '" + entry + "' is not an IP address or prefix");
    }
    try {
      byte[] address = InetAddress.getByName(parts[0]).getAddress();
      int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
      if (bits < 0 || bits > address.length * 8) {
        throw new IllegalArgumentException(
            "dns: transfer ACL entry '" + entry + "' has a bad prefix length");
      }
      return new Prefix(address, bits);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "dns: transfer ACL entry '" + entry + "' is not an IP address or prefix", e);
    }
  }

  public boolean allows(InetAddress client) {
    byte[] address = client.getAddress();
    for (Prefix prefix : prefixes) {
      if (matches(prefix, address)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(Prefix prefix, byte[] address) {
    if (address.length != prefix.network().length) {
      return false;
    }
    int fullBytes = prefix.bits() / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (address[i] != prefix.network()[i]) {
        return false;
      }
    }
    int rest = prefix.bits() % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest);
    return (address[fullBytes] & mask) == (prefix.network()[fullBytes] & mask);
  }
}
