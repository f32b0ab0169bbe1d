package com.foobar.dist.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasesTest {
  private static final Instant NOW = Instant.parse("2026-12-02T19:00:00Z");

  @TempDir Path home;

  private Releases releases() {
    return new Releases(home.resolve("var/releases"), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private Path war(String name, Map<String, String> entries) throws IOException {
    Path war = home.resolve(name);
    try (OutputStream file = Files.newOutputStream(war);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return war;
  }

  private Path shopWar(String name, String version) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(
        "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nImplementation-Version: " + version + "\n");
    entries.put("WEB-INF/web.xml", "<web-app/>");
    entries.put("index.html", "hello " + version);
    return war(name, entries);
  }

  private List<String> releaseDirectoryListing() throws IOException {
    Path directory = home.resolve("var/releases");
    if (!Files.exists(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files.map(p -> directory.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void copiesAWarWholeIntoTheNextNumberedReleaseWithItsVersionAndChecksum() throws Exception {
    Path war = shopWar("shop.war", "1.4.2");

    Release release = releases().add(WebAppSource.inspect(war));

    assertThat(release.number()).isEqualTo(1);
    assertThat(release.version()).isEqualTo("1.4.2");
    assertThat(release.sha256())
        .isEqualTo(
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(war))));
    assertThat(release.created()).isEqualTo(NOW);
    assertThat(release.webApp()).isEqualTo(home.resolve("var/releases/1/webapp"));
    assertThat(Files.readString(release.webApp().resolve("index.html"))).isEqualTo("hello 1.4.2");
    assertThat(releases().list()).containsExactly(release);
    assertThat(releases().state(release)).isEqualTo(Release.State.RETIRED);
    assertThat(releases().current()).isEmpty();
  }

  @Test
  void takesTheVersionFromTheFileNameWhenTheManifestHasNone() throws Exception {
    Path war = war("shop-2.0.1.war", Map.of("WEB-INF/web.xml", "<web-app/>"));
    assertThat(WebAppSource.inspect(war).version()).isEqualTo("2.0.1");
    Path bare = war("shop.war", Map.of("WEB-INF/classes/A.class", "x"));
    assertThat(WebAppSource.inspect(bare).version()).isEqualTo("unversioned");
  }

  @Test
  void namesTheApplicationAndItsDatabaseFromTheManifestOrTheFileName() throws Exception {
    Path titled =
        war(
            "whatever-9.war",
            Map.of(
                "META-INF/MANIFEST.MF",
                "Manifest-Version: 1.0\nImplementation-Title: My Shop\n",
                "WEB-INF/web.xml",
                "<web-app/>"));
    assertThat(WebAppSource.inspect(titled).application()).isEqualTo("My Shop");
    Path named = war("my-app-1.0-SNAPSHOT.war", Map.of("WEB-INF/web.xml", "<web-app/>"));
    WebAppSource source = WebAppSource.inspect(named);
    assertThat(source.application()).isEqualTo("my-app");
    assertThat(source.version()).isEqualTo("1.0-SNAPSHOT");

    Release release = releases().add(source);
    assertThat(release.application()).isEqualTo("my-app");
    assertThat(releases().find(1).orElseThrow().application()).isEqualTo("my-app");
    assertThat(release.database("foobar")).isEqualTo("foobar_my_app");
    assertThat(releases().add(WebAppSource.inspect(titled)).database("foobar"))
        .isEqualTo("foobar_my_shop");
  }

  @Test
  void namesTheReleaseACurrentLinkPointsAtWhenItIsNotThere() throws Exception {
    Releases releases = releases();
    Release one = releases.add(WebAppSource.inspect(shopWar("a.war", "1.0")));
    assertThat(releases.brokenCurrent()).isEmpty();
    releases.makeCurrent(one);
    assertThat(releases.brokenCurrent()).isEmpty();

    try (Stream<Path> files = Files.walk(home.resolve("var/releases/1"))) {
      for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }

    assertThat(releases.current()).isEmpty();
    assertThat(releases.brokenCurrent()).contains("1");
  }

  @Test
  void movesCurrentAndPreviousAndRecordsAFailure() throws Exception {
    Releases releases = releases();
    Release one = releases.add(WebAppSource.inspect(shopWar("a.war", "1")));
    Release two = releases.add(WebAppSource.inspect(shopWar("b.war", "2")));
    Release three = releases.add(WebAppSource.inspect(shopWar("c.war", "3")));

    releases.makeCurrent(one);
    releases.makeCurrent(two);
    releases.markFailed(three, "app-8081: init threw: boom");

    assertThat(releases.current()).contains(two);
    assertThat(releases.previous()).contains(one);
    assertThat(releases.state(one)).isEqualTo(Release.State.PREVIOUS);
    assertThat(releases.state(two)).isEqualTo(Release.State.CURRENT);
    assertThat(releases.state(three)).isEqualTo(Release.State.FAILED);
    assertThat(releases.failure(three)).contains("app-8081: init threw: boom");
    assertThat(Files.readSymbolicLink(home.resolve("var/releases/current")))
        .isEqualTo(Path.of("2"));
  }

  @Test
  void prunesTheOldestButNeverTheCurrentOrThePrevious() throws Exception {
    Releases releases = releases();
    for (int i = 1; i <= 5; i++) {
      releases.add(WebAppSource.inspect(shopWar("r" + i + ".war", Integer.toString(i))));
    }
    releases.makeCurrent(releases.find(1).orElseThrow());
    releases.makeCurrent(releases.find(2).orElseThrow());

    assertThat(releases.prune(2)).containsExactly(3);
    assertThat(releases.list()).extracting(Release::number).containsExactly(1, 2, 4, 5);
    assertThat(releases.add(WebAppSource.inspect(shopWar("r6.war", "6"))).number()).isEqualTo(6);
  }

  @Test
  void refusesAnArchiveWhoseEntriesWouldLandOutsideTheRelease() throws Exception {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("WEB-INF/web.xml", "<web-app/>");
    entries.put("WEB-INF/../../evil.txt", "pwned");
    Path war = war("slip.war", entries);

    assertThatThrownBy(() -> releases().add(WebAppSource.inspect(war)))
        .isInstanceOf(ReleaseException.class)
        .hasMessage(
            war
                + ": entry 'WEB-INF/../../evil.txt' would be written outside the release directory");
    assertThat(releaseDirectoryListing()).isEmpty();
    assertThat(home.resolve("var/evil.txt")).doesNotExist();
    assertThat(home.resolve("evil.txt")).doesNotExist();
  }

  @Test
  void refusesACorruptArchive() throws Exception {
    Path war = home.resolve("broken.war");
    Files.write(
        war, "PK\u0003\u0004 this is not really a zip".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> WebAppSource.inspect(war))
        .isInstanceOf(ReleaseException.class)
        .hasMessageStartingWith(war + ": a corrupt archive (");
    assertThat(releaseDirectoryListing()).isEmpty();
  }

  @Test
  void refusesWhatIsNotAWebApplication() throws Exception {
    Path jar = war("library.war", Map.of("com/example/A.class", "x"));
    assertThatThrownBy(() -> WebAppSource.inspect(jar))
        .hasMessage(jar + ": not a web application (no WEB-INF/ in the archive)");

    Path text = Files.writeString(home.resolve("notes.txt"), "hello");
    assertThatThrownBy(() -> WebAppSource.inspect(text))
        .hasMessage(text + ": not a web application (a .war file or a directory)");

    Path directory = Files.createDirectories(home.resolve("site"));
    assertThatThrownBy(() -> WebAppSource.inspect(directory))
        .hasMessage(directory + ": not a web application (no WEB-INF/ directory in it)");

    assertThatThrownBy(() -> WebAppSource.inspect(home.resolve("missing.war")))
        .hasMessage(home.resolve("missing.war") + ": no such file or directory");
  }

  @Test
  void copiesAnExplodedDirectoryButRefusesOneWithASymbolicLink() throws Exception {
    Path app = Files.createDirectories(home.resolve("shop-3.1/WEB-INF"));
    Files.writeString(app.resolve("web.xml"), "<web-app/>");
    Release release = releases().add(WebAppSource.inspect(app.getParent()));
    assertThat(release.version()).isEqualTo("3.1");
    assertThat(release.webApp().resolve("WEB-INF/web.xml")).hasContent("<web-app/>");

    Files.createSymbolicLink(app.resolve("passwd"), Path.of("/etc/passwd"));
    assertThatThrownBy(() -> WebAppSource.inspect(app.getParent()))
        .hasMessage(app.getParent() + ": WEB-INF/passwd is a symbolic link");
  }

  @Test
  void aWarCorruptInsideItsDataLeavesTheReleasesAsTheyWere() throws Exception {
    Releases releases = releases();
    releases.add(WebAppSource.inspect(shopWar("good.war", "1")));
    List<String> before = releaseDirectoryListing();
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("WEB-INF/web.xml", "<web-app/>");
    entries.put("WEB-INF/big.txt", "lorem ipsum dolor sit amet ".repeat(2000));
    Path war = war("damaged.war", entries);
    byte[] bytes = Files.readAllBytes(war);
    for (int i = 200; i < 260; i++) {
      bytes[i] ^= 0x5a; // inside big.txt's compressed data; the central directory stays intact
    }
    Files.write(war, bytes);

    WebAppSource damaged = WebAppSource.inspect(war); // the directory at the end reads fine
    assertThatThrownBy(() -> releases.add(damaged))
        .isInstanceOf(ReleaseException.class)
        .hasMessageContaining(war + ": a corrupt archive");
    assertThat(releaseDirectoryListing()).isEqualTo(before);
  }

  @Test
  void listsEachReleaseWithItsState() throws Exception {
    Releases releases = releases();
    Release one = releases.add(WebAppSource.inspect(shopWar("a.war", "1.0")));
    Release two = releases.add(WebAppSource.inspect(shopWar("b.war", "2.0")));
    releases.makeCurrent(one);
    releases.markFailed(two, "app-8081: not healthy within 60 s");
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();

    ReleasesCommand.print(releases, new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(printed.toString(StandardCharsets.UTF_8).lines().toList())
        .containsExactly(
            "RELEASE APPLICATION          VERSION          SHA256         CREATED              STATE",
            "1       a                    1.0              "
                + one.sha256().substring(0, 12)
                + "   2026-12-02 19:00:00Z current",
            "2       b                    2.0              "
                + two.sha256().substring(0, 12)
                + "   2026-12-02 19:00:00Z failed: app-8081: not healthy within 60 s");
  }

  @Test
  void extractsAWarWithBytesBeforeTheArchiveAsItsCentralDirectorySaysIt() throws Exception {
    Path plain = shopWar("plain.war", "1.0");
    Path prefixed = home.resolve("prefixed.war");
    try (OutputStream out = Files.newOutputStream(prefixed)) {
      out.write(new byte[100]); // as a self-extracting archive has its stub
      out.write(Files.readAllBytes(plain));
    }

    Release release = releases().add(WebAppSource.inspect(prefixed));

    assertThat(Files.readString(release.webApp().resolve("index.html"))).isEqualTo("hello 1.0");
    assertThat(release.webApp().resolve("WEB-INF/web.xml")).exists();
  }

  @Test
  void refusesALinkMadeInTheDirectoryAfterItWasInspected() throws Exception {
    Path app = Files.createDirectories(home.resolve("app/WEB-INF"));
    Files.writeString(app.resolve("web.xml"), "<web-app/>");
    WebAppSource source = WebAppSource.inspect(home.resolve("app"));
    Files.writeString(home.resolve("secret"), "not for the release");
    Files.createSymbolicLink(app.resolve("secret"), home.resolve("secret"));

    assertThatThrownBy(() -> releases().add(source))
        .isInstanceOf(ReleaseException.class)
        .hasMessageContaining("WEB-INF/secret is a symbolic link");
    assertThat(releases().list()).isEmpty();
  }

  @Test
  void aReleaseWithoutItsPropertiesIsSkippedAndItsNumberNotReused() throws Exception {
    Releases releases = releases();
    releases.add(WebAppSource.inspect(shopWar("a.war", "1.0")));
    releases.add(WebAppSource.inspect(shopWar("b.war", "2.0")));
    Files.delete(home.resolve("var/releases/2/release.properties"));

    assertThat(releases.list()).extracting(Release::number).containsExactly(1);
    assertThat(releases.add(WebAppSource.inspect(shopWar("c.war", "3.0"))).number()).isEqualTo(3);
  }

  @Test
  void aPruneCutShortLeavesNoHalfReleaseAndTheNextChangeClearsIt() throws Exception {
    Releases releases = releases();
    for (int i = 1; i <= 3; i++) {
      releases.add(WebAppSource.inspect(shopWar(i + ".war", i + ".0")));
    }
    // What a crash in the middle of deleting release 1 leaves: renamed away, half deleted.
    Path doomed = home.resolve("var/releases/.deleting-1");
    Files.move(home.resolve("var/releases/1"), doomed);
    Files.delete(doomed.resolve("release.properties"));

    assertThat(releases.list()).extracting(Release::number).containsExactly(2, 3);
    releases.add(WebAppSource.inspect(shopWar("4.war", "4.0")));
    assertThat(doomed).doesNotExist();
    assertThat(releases.prune(2)).containsExactly(2);
    assertThat(releaseDirectoryListing()).noneMatch(path -> path.startsWith(".deleting"));
  }

  @Test
  void aReleaseThatCannotBeWrittenIsTheStacksFailureNotARefusal() throws Exception {
    Files.createDirectories(home.resolve("var"));
    Files.writeString(home.resolve("var/releases"), "a file where the directory should be");

    assertThatThrownBy(() -> releases().add(WebAppSource.inspect(shopWar("a.war", "1.0"))))
        .isInstanceOfSatisfying(
            ReleaseException.class, e -> assertThat(e.refusedInput()).isFalse());
    assertThatThrownBy(() -> WebAppSource.inspect(home.resolve("nothing.war")))
        .isInstanceOfSatisfying(ReleaseException.class, e -> assertThat(e.refusedInput()).isTrue());
  }
}
