package com.foobar.dns.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransferAclTest {
  @Test
  void allowsNobodyByDefault() throws Exception {
    assertThat(TransferAcl.none().allows(InetAddress.getByName("127.0.0.1"))).isFalse();
  }

  @Test
  void matchesAddressesAndPrefixesOfBothFamilies() throws Exception {
    TransferAcl acl = TransferAcl.of(List.of("192.0.2.7", "10.1.0.0/16", "2001:db8::/32", "::1"));

    assertThat(acl.allows(InetAddress.getByName("192.0.2.7"))).isTrue();
    assertThat(acl.allows(InetAddress.getByName("192.0.2.8"))).isFalse();
    assertThat(acl.allows(InetAddress.getByName("10.1.255.3"))).isTrue();
    assertThat(acl.allows(InetAddress.getByName("10.2.0.1"))).isFalse();
    assertThat(acl.allows(InetAddress.getByName("2001:db8:5::1"))).isTrue();
    assertThat(acl.allows(InetAddress.getByName("::1"))).isTrue();
    assertThat(acl.allows(InetAddress.getByName("127.0.0.1"))).isFalse();
  }

  @Test
  void matchesPrefixesThatEndInsideAByte() throws Exception {
    TransferAcl acl = TransferAcl.of(List.of("198.51.100.64/26"));

    assertThat(acl.allows(InetAddress.getByName("198.51.100.127"))).isTrue();
    assertThat(acl.allows(InetAddress.getByName("198.51.100.128"))).isFalse();
  }

  @Test
  void refusesEntriesThatAreNotAddresses() {
    assertThatThrownBy(() -> TransferAcl.of(List.of("secondary.example.net")))
        .hasMessage(
            "dns: transfer ACL entry 'secondary.example.net' is not an IP address or prefix");
    assertThatThrownBy(() -> TransferAcl.of(List.of("10.0.0.0/33")))
        .hasMessage("dns: transfer ACL entry '10.0.0.0/33' has a bad prefix length");
  }
}
