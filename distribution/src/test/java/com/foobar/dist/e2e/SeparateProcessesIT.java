package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack as separate processes, as an operator runs it without systemd: {@code foobar start},
 * {@code status}, a rolling {@code deploy} of the app instances, {@code stop}; each a real
 * bin/foobar of the assembled package on free loopback ports.
 */
class SeparateProcessesIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Duration LONG = Duration.ofSeconds(240);

  private static int appA;
  private static int appB;
  private static List<String> settings;

  @BeforeAll
  static void choosePorts() throws Exception {
    assertThat(DIST.resolve("bin/foobar")).isExecutable();
    appA = FreePorts.next();
    appB = FreePorts.next();
    settings =
        List.of(
            "--set", "web.bind=127.0.0.1",
            "--set", "web.http.port=" + FreePorts.next(),
            "--set", "dns.bind=127.0.0.1",
            "--set", "dns.port=" + FreePorts.next(),
            "--set", "dns.metrics=127.0.0.1:0",
            "--set", "app.ports=" + appA + "," + appB,
            "--set", "db.embedded.port=" + FreePorts.next());
  }

  @AfterAll
  static void stopWhateverRuns() throws Exception {
    if (settings != null) {
      foobar("stop");
    }
  }

  private static FoobarCommand foobar(String command) throws Exception {
    List<String> arguments = new ArrayList<>();
    arguments.add(command);
    arguments.addAll(settings);
    return FoobarCommand.run(DIST, LONG, arguments);
  }

  @Test
  void startsEachTierInItsOwnProcessDeploysTheAppsOneByOneAndStops() throws Exception {
    FoobarCommand start = foobar("start");
    assertThat(start.exitCode()).as(start.output()).isZero();
    assertThat(start.output())
        .containsPattern(
            "(?s)  db +up, pid \\d+.*  app-"
                + appA
                + " +up.*  app-"
                + appB
                + " +up.*  web +up.*  dns +up.*foobar: stack started");
    long pidA = pidOf("app-" + appA);
    long pidB = pidOf("app-" + appB);
    assertThat(ProcessHandle.of(pidA)).isPresent();
    // One log file per process, none shared.
    assertThat(DIST.resolve("logs/app-" + appA + ".log")).exists();
    assertThat(DIST.resolve("logs/web.log")).exists();

    FoobarCommand status = foobar("status");
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.output())
        .containsPattern("app-" + appA + " +running +127\\.0\\.0\\.1:" + appA + " +" + pidA)
        .contains("up: 200 {\"status\":\"up\",\"database\":\"up\"}")
        .containsPattern("web +running .*up: GET / 200")
        .containsPattern("dns +running .*up: foobar\\.com\\. SOA serial \\d+")
        .containsPattern("db +running .*up: accepting connections");

    FoobarCommand deploy = foobar("deploy");
    assertThat(deploy.exitCode()).as(deploy.output()).isZero();
    assertThat(deploy.output())
        .containsPattern(
            "(?s)app-" + appA + " +restarted, pid \\d+, healthy.*app-" + appB + " +restarted")
        .contains("foobar: deployed");
    assertThat(pidOf("app-" + appA)).isNotEqualTo(pidA);
    assertThat(pidOf("app-" + appB)).isNotEqualTo(pidB);
    assertThat(ProcessHandle.of(pidA)).isEmpty();

    FoobarCommand stop = foobar("stop");
    assertThat(stop.exitCode()).as(stop.output()).isZero();
    assertThat(stop.output())
        .containsPattern(
            "(?s)dns +stopped.*web +stopped.*app-.*db +stopped.*foobar: stack stopped");
    assertThat(DIST.resolve("var/run/web.pid")).doesNotExist();

    FoobarCommand down = foobar("status");
    assertThat(down.exitCode()).as(down.output()).isEqualTo(3);
    assertThat(down.output()).containsPattern("web +stopped .*DOWN: unreachable");
  }

  private static long pidOf(String process) throws Exception {
    String text = Files.readString(DIST.resolve("var/run/" + process + ".pid"));
    Matcher m = Pattern.compile("^(\\d+)").matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return Long.parseLong(m.group(1));
  }
}
