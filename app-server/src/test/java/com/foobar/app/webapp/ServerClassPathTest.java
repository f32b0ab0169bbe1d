package com.foobar.app.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerClassPathTest {
  @TempDir Path dir;

  @Test
  void hidesEveryEntryButTheSharedOnesEachOnceAndSkipsMissingOnes() throws Exception {
    Path stack = Files.createFile(dir.resolve("jackson.jar"));
    Path servletApi = Files.createFile(dir.resolve("servlet-api.jar"));
    Path classes = Files.createDirectory(dir.resolve("classes"));
    String classPath =
        String.join(
            ":",
            stack.toString(),
            servletApi.toString(),
            classes.toString(),
            dir.resolve("gone.jar").toString(),
            stack.toString(),
            "");

    assertThat(ServerClassPath.hiddenLocations(classPath, ":", Set.of(servletApi)))
        .containsExactly(
            stack.toRealPath().toUri().toString(), classes.toRealPath().toUri().toString());
  }

  @Test
  void aDirectoryIsADirectoryPatternSoEverythingBelowItMatches() throws Exception {
    Path classes = Files.createDirectory(dir.resolve("classes"));
    assertThat(ServerClassPath.hiddenLocations(classes.toString(), ":", Set.of()))
        .singleElement()
        .satisfies(uri -> assertThat(uri).startsWith("file:///").endsWith("/classes/"));
  }

  @Test
  void aSharedEntryMatchesThroughASymlinkOnTheClassPath() throws Exception {
    Path servletApi = Files.createFile(dir.resolve("servlet-api.jar"));
    Path link = Files.createSymbolicLink(dir.resolve("lib-servlet.jar"), servletApi);
    assertThat(ServerClassPath.hiddenLocations(link.toString(), ":", Set.of(servletApi))).isEmpty();
  }

  @Test
  void theRunningServersClassPathHidesTheStackButNotTheServletApi() {
    assertThat(ServerClassPath.hiddenLocations())
        .anySatisfy(uri -> assertThat(uri).contains("HikariCP"))
        .anySatisfy(uri -> assertThat(uri).contains("jackson-databind"))
        .noneSatisfy(uri -> assertThat(uri).contains("jakarta.servlet-api"));
  }
}
