package com.foobar.dns.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.dns.ZoneFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

class ZoneLoaderTest {
  private static final String HEAD =
      "$ORIGIN foobar.com.\n"
          + "$TTL 3600\n"
          + "@ IN SOA ns1.foobar.com. hostmaster.foobar.com. ( 2026112201 7200 3600 1209600 300 )\n"
          + "@ IN NS ns1.foobar.com.\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void loadsTheShippedZoneWithOriginFromFileName() {
    ZoneSet zones = new ZoneLoader().loadDirectory(TestZones.directory());
    assertThat(zones.size()).isEqualTo(1);
    assertThat(zones.find(Name.fromConstantString("foobar.com.")).origin())
        .isEqualTo(Name.fromConstantString("foobar.com."));
  }

  @Test
  void syntaxErrorNamesFileAndLine() throws IOException {
    Path file = write("foobar.com.zone", HEAD + "ns1 IN A 8.8.8.8\n\nwww IN A 999.1.1.1\n");
    assertThatThrownBy(() -> new ZoneLoader().loadDirectory(dir))
        .isInstanceOf(ZoneFileException.class)
        .hasMessageStartingWith(file + " line 7: ")
        .hasMessageContaining("Invalid address: 999.1.1.1");
  }

  @Test
  void syntaxErrorInMultiLineRecordNamesALineOfIt() throws IOException {
    Path file =
        write(
            "foobar.com.zone",
            "$TTL 3600\n@ IN SOA ns1 hostmaster (\n 1 2 3\n 4 bogus )\n@ IN NS ns1\n");
    assertThatThrownBy(() -> new ZoneLoader().loadFile(file))
        .isInstanceOf(ZoneFileException.class)
        .hasMessageStartingWith(file + " line 4: ");
  }

  @Test
  void cnameBesideOtherDataIsRefusedAtItsLine() throws IOException {
    Path file = write("foobar.com.zone", HEAD + "www IN CNAME foobar.com.\nwww IN A 1.2.3.4\n");
    assertThatThrownBy(() -> new ZoneLoader().loadFile(file))
        .isInstanceOf(ZoneFileException.class)
        .hasMessageStartingWith(file + " line 6: CNAME at www.foobar.com.")
        .hasMessageContaining("line 5");
  }

  @Test
  void delegationToANameServerInsideItWithoutGlueIsRefused() throws IOException {
    Path file =
        write(
            "foobar.com.zone",
            HEAD + "sub IN NS ns.sub.foobar.com.\nother IN NS ns.example.net.\n");
    assertThatThrownBy(() -> new ZoneLoader().loadFile(file))
        .isInstanceOf(ZoneFileException.class)
        .hasMessage(
            file
                + " line 5: delegation of sub.foobar.com. to ns.sub.foobar.com. needs glue: an A"
                + " or AAAA record for ns.sub.foobar.com.");

    Path glued =
        write("foobar.com.zone", HEAD + "sub IN NS ns.sub.foobar.com.\nns.sub IN A 192.0.2.53\n");
    assertThat(new ZoneLoader().loadFile(glued).origin().toString()).isEqualTo("foobar.com.");
  }

  @Test
  void namesBelowADnameAreRefusedAtTheirLine() throws IOException {
    Path file =
        write("foobar.com.zone", HEAD + "old IN DNAME new.foobar.com.\nx.old IN A 1.2.3.4\n");
    assertThatThrownBy(() -> new ZoneLoader().loadFile(file))
        .isInstanceOf(ZoneFileException.class)
        .hasMessage(
            file
                + " line 6: x.old.foobar.com. lies below the DNAME at old.foobar.com. (line 5)"
                + " and could never be answered");
  }

  @Test
  void aDnameAtADelegationOrTwiceAtOneNameIsRefused() throws IOException {
    Path atCut =
        write(
            "foobar.com.zone", HEAD + "sub IN NS ns.example.net.\nsub IN DNAME new.foobar.com.\n");
    assertThatThrownBy(() -> new ZoneLoader().loadFile(atCut))
        .hasMessage(
            atCut + " line 6: DNAME at sub.foobar.com. cannot sit at a delegation (NS on line 5)");
    Path twice =
        write("foobar.com.zone", HEAD + "old IN DNAME a.foobar.com.\nold IN DNAME b.foobar.com.\n");
    assertThatThrownBy(() -> new ZoneLoader().loadFile(twice))
        .hasMessage(twice + " line 6: more than one DNAME at old.foobar.com. (also line 5)");
  }

  @Test
  void outOfZoneDataIsRefusedAtItsLine() throws IOException {
    Path file = write("foobar.com.zone", HEAD + "\nwww.example.net. IN A 1.2.3.4\n");
    assertThatThrownBy(() -> new ZoneLoader().loadFile(file))
        .isInstanceOf(ZoneFileException.class)
        .hasMessage(file + " line 6: www.example.net. is outside the zone foobar.com.");
  }

  @Test
  void missingSoaOrNsIsRefused() throws IOException {
    Path noSoa = write("foobar.com.zone", "$TTL 60\n@ IN NS ns1.foobar.com.\n");
    assertThatThrownBy(() -> new ZoneLoader().loadFile(noSoa))
        .hasMessage(noSoa + ": no SOA record at the zone apex foobar.com.");
    Path noNs =
        write("example.org.zone", "$TTL 60\n@ IN SOA ns1 hostmaster 1 2 3 4 5\n@ IN A 1.2.3.4\n");
    assertThatThrownBy(() -> new ZoneLoader().loadFile(noNs))
        .hasMessage(noNs + ": no NS record at the zone apex example.org.");
  }

  @Test
  void soaBelowTheApexIsRefused() throws IOException {
    Path file = write("foobar.com.zone", HEAD + "sub IN SOA ns1 hostmaster 1 2 3 4 5\n");
    assertThatThrownBy(() -> new ZoneLoader().loadFile(file))
        .hasMessageStartingWith(file + " line 5: SOA record at sub.foobar.com.");
  }

  @Test
  void includesAreRefused() throws IOException {
    write("other.txt", "x IN A 1.2.3.4\n");
    Path file = write("foobar.com.zone", HEAD + "$INCLUDE other.txt\n");
    assertThatThrownBy(() -> new ZoneLoader().loadFile(file))
        .isInstanceOf(ZoneFileException.class)
        .hasMessageStartingWith(file + " line 5: ");
  }

  @Test
  void missingOrEmptyDirectoryIsAClearError() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> new ZoneLoader().loadDirectory(missing))
        .isInstanceOf(ZoneFileException.class)
        .hasMessage(missing + ": zone directory does not exist");
    assertThatThrownBy(() -> new ZoneLoader().loadDirectory(dir))
        .isInstanceOf(ZoneFileException.class)
        .hasMessage(dir + ": no zone files (*.zone) in the zone directory");
  }

  @Test
  void recordLinesAreCountedThroughCommentsAndParentheses() throws IOException {
    // HEAD is lines 1-4; the record on line 8 is the last, with no newline after it: the error
    // must still point at it. A check of ours reports the line LineCountingStream counted.
    Path file = write("foobar.com.zone", HEAD + "; comment\n(\n)\nwww.example.net. IN A 192.0.2.1");
    assertThatThrownBy(() -> new ZoneLoader().loadFile(file))
        .isInstanceOf(ZoneFileException.class)
        .hasMessage(file + " line 8: www.example.net. is outside the zone foobar.com.");
  }

  @Test
  void syntaxErrorsOnALastLineWithoutNewlineKeepTheParsersLine() throws IOException {
    // The parser's own line number, restated with the full path.
    Path file = write("foobar.com.zone", HEAD + "; comment\n(\n)\nbad IN A 1.2.3");
    assertThatThrownBy(() -> new ZoneLoader().loadFile(file))
        .isInstanceOf(ZoneFileException.class)
        .hasMessageStartingWith(file + " line 8: ");
  }
}
