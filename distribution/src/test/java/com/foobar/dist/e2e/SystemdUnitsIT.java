package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped systemd units pass {@code systemd-analyze verify} (unknown keys, bad values, a
 * missing ExecStart binary all fail it), with /opt/foobar pointed at the assembled package.
 */
class SystemdUnitsIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");

  @TempDir Path units;

  @Test
  void everyUnitPassesSystemdAnalyzeVerify() throws Exception {
    assumeTrue(
        Files.isExecutable(ANALYZE), "systemd-analyze is not installed (package systemd): skipped");
    List<String> command = new ArrayList<>(List.of(ANALYZE.toString(), "verify"));
    try (Stream<Path> shipped = Files.list(DIST.resolve("systemd"))) {
      for (Path unit : shipped.sorted().toList()) {
        String name = unit.getFileName().toString();
        // A template is verified as one of its instances.
        String instance = name.replace("@.service", "@8081.service");
        String text =
            Files.readString(unit)
                .replace("/opt/foobar", DIST.toAbsolutePath().normalize().toString());
        Files.writeString(units.resolve(instance), text);
        command.add(units.resolve(instance).toString());
      }
    }
    assertThat(command).hasSize(2 + 5);
    Process verify = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(verify.getInputStream().readAllBytes());
    assertThat(verify.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(output).isEmpty();
    assertThat(verify.exitValue()).isZero();
  }
}
