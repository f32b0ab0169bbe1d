package com.foobar.dist.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** One way to read an address, host:port and JDBC URL, used by every command and tier mapping. */
class AddressValuesTest {

  @Test
  void aBindHostIsALiteralOrTheWildcardNeverANameToLookUp() {
    assertThat(BindHost.parse("*").wildcard()).isTrue();
    assertThat(BindHost.parse("192.0.2.1").literal()).isEqualTo("192.0.2.1");
    assertThat(BindHost.parse("fe80::1%1").literal()).isEqualTo("fe80::1%1");
    for (String notLiteral : new String[] {"db.example", "localhost", "256.1.1.1", "1.2.3", ""}) {
      assertThatThrownBy(() -> BindHost.parse(notLiteral))
          .as(notLiteral)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void everyWildcardIsReachedThroughLoopbackAndIpv6GetsBrackets() {
    for (String wildcard : new String[] {"*", "0.0.0.0", "::"}) {
      assertThat(BindHost.parse(wildcard).uriHost()).as(wildcard).isEqualTo("127.0.0.1");
    }
    assertThat(BindHost.parse("::1").uriHost()).isEqualTo("[::1]");
    assertThat(BindHost.parse("192.0.2.1").uriHost()).isEqualTo("192.0.2.1");
  }

  @Test
  void readsHostPortOfBothFamilies() {
    HostPort v6 = HostPort.parse("[::1]:9153");
    assertThat(v6.host().literal()).isEqualTo("::1");
    assertThat(v6.port()).isEqualTo(9153);
    assertThat(v6.toString()).isEqualTo("[::1]:9153");
    assertThat(v6.uriAuthority()).isEqualTo("[::1]:9153");
    assertThat(v6.socketAddress()).isEqualTo(new InetSocketAddress("::1", 9153));
    assertThat(HostPort.parse("0.0.0.0:9180").uriAuthority()).isEqualTo("127.0.0.1:9180");
  }

  @Test
  void refusesHostPortThatIsAmbiguousOrNotAnAddress() {
    for (String bad :
        new String[] {
          "*:9180", "::1:9153", "db.example:80", "127.0.0.1:70000", "127.0.0.1", ":80"
        }) {
      assertThatThrownBy(() -> HostPort.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void readsTheHostsOfAJdbcUrl() {
    JdbcUrl one = JdbcUrl.parse("jdbc:mariadb://db.example:3307/foobar?useSsl=true");
    assertThat(one.singleHost()).isEqualTo(new JdbcUrl.Endpoint("db.example", 3307));
    assertThat(JdbcUrl.parse("jdbc:mariadb://[::1]/foobar").label()).isEqualTo("[::1]:3306");

    JdbcUrl two = JdbcUrl.parse("jdbc:mariadb:replication://db1,db2:3307/foobar");
    assertThat(two.label()).isEqualTo("db1:3306,db2:3307");
    assertThatThrownBy(two::singleHost).hasMessageContaining("names several hosts");
  }

  @Test
  void refusesWhatIsNotAMariaDbUrl() {
    for (String bad :
        new String[] {"jdbc:postgresql://x/y", "jdbc:mariadb:", "jdbc:mariadb://db:port/x"}) {
      assertThatThrownBy(() -> JdbcUrl.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
