package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.dist.e2e.VersionApps.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The stack as separate processes, as an operator runs it without systemd, each a real bin/foobar
 * of the assembled package on free loopback ports: {@code foobar start}, {@code status}, a rolling
 * {@code deploy} of the app instances under load, an app instance killed with SIGKILL under load,
 * {@code start} bringing it back, {@code stop}. Under load means reads and idempotent orders
 * through the web tier: not one may fail, and every confirmed order must be in the database once.
 */
@Order(1) // the longest: started first, the other classes run beside it
class SeparateProcessesIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Duration LONG = Duration.ofSeconds(240);
  private static final long RUN = System.currentTimeMillis();
  // This test starts some twenty tier processes, one after the other: C1 alone and the serial
  // collector start each a second or more sooner on two cores. What is proven (no failed request,
  // nothing lost) does not depend on the JIT; the shipped JVM options are FoobarStackIT's.
  private static final String QUICK_START = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  private static int appA;
  private static int appB;
  private static int webPort;
  private static StoreDatabase store;
  private static int adminPort;
  private static List<String> settings;
  // A copy of the package of its own (conf/, var/, logs/): the other tests of the package run
  // beside this one, the longest, and none of them sees its releases, database or processes.
  private static Path home;
  private static Path releases;

  @BeforeAll
  static void choosePorts() throws Exception {
    assertThat(DIST.resolve("bin/foobar")).isExecutable();
    home =
        PackageCopy.make(
            DIST,
            Files.createTempDirectory(Files.createDirectories(Path.of("target/e2e")), "separate-")
                .toAbsolutePath());
    releases = home.resolve("var/releases");
    StackPorts ports = StackPorts.free();
    appA = ports.appA();
    appB = ports.appB();
    webPort = ports.web();
    store = new StoreDatabase(home, ports.db());
    adminPort = ports.admin();
    // Health checked four times a second, so a deploy takes seconds, not minutes; a drain of four
    // intervals, so a loaded machine still has the web tier notice within it (the shipped rule is
    // at least two); least-busy, the balance a deploy is kinder with (a restarted instance starts
    // cold), whose in-flight counts the deploy and the kill below must leave at zero.
    settings =
        ports.settings(
            "web.health.interval-ms=250", "app.drain-delay-ms=1000", "web.balance=least-busy");
  }

  @AfterAll
  static void stopWhateverRuns() throws Exception {
    if (settings != null) {
      foobar("stop");
    }
  }

  private static FoobarCommand foobar(String command, String... more) throws Exception {
    List<String> arguments = new ArrayList<>();
    arguments.add(command);
    arguments.addAll(List.of(more));
    arguments.addAll(settings);
    long begin = System.nanoTime();
    FoobarCommand done = FoobarCommand.run(home, LONG, arguments, QUICK_START);
    System.out.printf(
        "foobar %s %s: exit %d in %d ms%n",
        command, String.join(" ", more), done.exitCode(), (System.nanoTime() - begin) / 1_000_000);
    return done;
  }

  @Test
  void runsEachTierAsAProcessAndRedeploysOrLosesAnAppWithoutAFailedRequest() throws Exception {
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
    // One log file per process, none shared.
    assertThat(home.resolve("logs/app-" + appA + ".log")).exists();
    assertThat(home.resolve("logs/web.log")).exists();

    FoobarCommand status = foobar("status");
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.output())
        .containsPattern("app-" + appA + " +running +127\\.0\\.0\\.1:" + appA + " +" + pidA)
        .containsPattern("app-" + appA + " +running .* the built-in store +up: 200 ")
        .contains("up: 200 {\"status\":\"up\",\"database\":\"up\",\"application\":\"up\"}")
        .containsPattern("web +running .*up: GET / 200")
        .containsPattern("dns +running .*up: foobar\\.com\\. SOA serial \\d+")
        .containsPattern("db +running .*up: accepting connections");

    backsUpAndRestoresTheStoresDatabase();

    // A rolling deploy while clients read, order and cancel through the web tier, half the orders
    // and every cancel being requests the web tier never retries: none fails only if the drain
    // keeps every request away from a stopping instance.
    store.restock();
    FoobarCommand deploy;
    try (WebLoad load =
        new WebLoad(
            web(), 3, "deploy-" + RUN + "@example.com", WebLoad.Writes.UNRETRYABLE_TOO, 12, 400)) {
      load.awaitMoreRequests(30);
      deploy = foobar("deploy", "--settle", "1");
      load.awaitMoreRequests(30); // served by the new instances
      load.close();
      assertNothingFailedOrLost(load);
      assertThat(load.cancelledOrderIds()).as("orders without a key, then cancelled").isNotEmpty();
    }
    assertThat(deploy.exitCode()).as(deploy.output()).isZero();
    assertThat(deploy.output())
        .containsPattern(
            "(?s)app-" + appA + " +restarted, pid \\d+, healthy.*app-" + appB + " +restarted")
        .contains("foobar: deployed");
    assertThat(pidOf("app-" + appA)).isNotEqualTo(pidA);
    assertThat(pidOf("app-" + appB)).isNotEqualTo(pidB);
    assertThat(ProcessHandle.of(pidA)).isEmpty();

    // An instance dies hard under load: in-flight requests are retried on the other one.
    long victim = pidOf("app-" + appA);
    store.restock();
    try (WebLoad load =
        new WebLoad(
            web(), 3, "sigkill-" + RUN + "@example.com", WebLoad.Writes.RETRYABLE, 5, 180)) {
      load.awaitMoreRequests(30);
      HardKill.tree(ProcessHandle.of(victim).orElseThrow(), Duration.ofSeconds(30));
      Await.until(
          "the web tier takes app-" + appA + " out of rotation",
          Duration.ofSeconds(30),
          () -> backendUp(appA).equals("0.0"));
      load.awaitMoreRequests(30); // all on the other instance
      load.close();
      assertNothingFailedOrLost(load);
    }
    assertNoRequestLeftInFlight();
    FoobarCommand down = foobar("status");
    assertThat(down.exitCode()).isEqualTo(3);
    assertThat(down.output()).containsPattern("app-" + appA + " +stopped .*DOWN: unreachable");

    FoobarCommand restart = foobar("start");
    assertThat(restart.exitCode()).as(restart.output()).isZero();
    assertThat(restart.output())
        .containsPattern("app-" + appA + " +up, pid")
        .containsPattern("web +already running");

    // The database dies hard while orders are being confirmed: requests fail while it is gone
    // (503), but every order confirmed before is still there when it is back.
    store.restock();
    try (WebLoad load =
        new WebLoad(web(), 3, "dbkill-" + RUN + "@example.com", WebLoad.Writes.RETRYABLE, 2, 300)) {
      load.awaitMoreConfirmed(10);
      HardKill.tree(ProcessHandle.of(pidOf("db")).orElseThrow(), Duration.ofSeconds(30));
      FoobarCommand back = foobar("start");
      assertThat(back.exitCode()).as(back.output()).isZero();
      assertThat(back.output()).containsPattern("db +up, pid");
      load.awaitMoreConfirmed(10);
      load.close();
      assertEveryConfirmedOrderKept(load);
    }

    deploysTheUsersOwnApplicationAndRollsItBackWithoutAFailedRequest();

    FoobarCommand stop = foobar("stop");
    System.out.print(stop.output());
    assertThat(stop.exitCode()).as(stop.output()).isZero();
    assertThat(stop.output())
        .containsPattern(
            "(?s)dns +stopped.*web +stopped.*app-.*db +stopped.*foobar: stack stopped");
    assertThat(home.resolve("var/run/web.pid")).doesNotExist();
    FoobarCommand stopped = foobar("status");
    assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(3);
    assertThat(stopped.output()).containsPattern("web +stopped .*DOWN: unreachable");
  }

  /**
   * {@code foobar db info|backup|restore} against the running db tier: a backup, a change, a
   * restore, and the data as it was at the backup.
   */
  private static void backsUpAndRestoresTheStoresDatabase() throws Exception {
    store.setStock("FB-TEE", 7);
    FoobarCommand info = foobar("db", "info");
    assertThat(info.exitCode()).as(info.output()).isZero();
    assertThat(info.output())
        .containsPattern("1 +products +Success")
        .containsPattern("5 +order cancellation +Success")
        .containsPattern("6 +idempotency outcomes +Success");

    Path dump = Files.createTempDirectory(Path.of("target"), "dump").resolve("store.sql");
    FoobarCommand backup = foobar("db", "backup", dump.toString());
    assertThat(backup.exitCode()).as(backup.output()).isZero();
    assertThat(backup.output()).contains("foobar db backup: foobar -> " + dump);
    assertThat(Files.readString(dump)).contains("CREATE TABLE `orders`", "'FB-TEE'");

    store.setStock("FB-TEE", 99);
    FoobarCommand restore = foobar("db", "restore", dump.toString());
    assertThat(restore.exitCode()).as(restore.output()).isZero();
    assertThat(store.stock("FB-TEE")).isEqualTo(7);
  }

  /**
   * The user's own web application replaces the built-in store: a bad archive refused with nothing
   * changed, v1, then v2 under load, a v3 that cannot start refused with its reason while v2 keeps
   * serving, and a rollback to v1 under load; not one request fails.
   */
  private static void deploysTheUsersOwnApplicationAndRollsItBackWithoutAFailedRequest()
      throws Exception {
    Path wars = Files.createTempDirectory(Path.of("target"), "wars");
    FoobarCommand slip = foobar("deploy", VersionApps.zipSlip(wars).toString());
    assertThat(slip.exitCode()).as(slip.output()).isEqualTo(2);
    assertThat(slip.output())
        .contains(
            "entry 'WEB-INF/../../../evil.sh' would be written outside the release directory");
    assertThat(releases).doesNotExist();

    // --settle 0 from here on: with health checked every 250 ms and a drain of 1 s, the web tier
    // has the restarted instance back in rotation well before the next one stops serving.
    // The application's name (and so its database) is new in each run: the package's database
    // outlives runs, and with it the history of this application's migrations.
    String app = "hello-r" + RUN;
    String database = "foobar_hello_r" + RUN;
    FoobarCommand first =
        foobar("deploy", VersionApps.war(wars, app, "1.0", Kind.FIRST).toString(), "--settle", "0");
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output())
        .containsPattern("release +1, 1\\.0, sha256 [0-9a-f]{64}")
        .containsPattern(
            "database +" + database + ": schema at version 1 \\(1 migration applied\\)")
        .contains("foobar: deployed release 1 (1.0)");
    FoobarCommand onRelease = foobar("status");
    assertThat(onRelease.output())
        .containsPattern("app-" + appA + " +running .* release 1 \\(1\\.0\\) +up: 200 ")
        .containsPattern("app-" + appB + " +running .* release 1 \\(1\\.0\\) +up: 200 ");

    try (VersionLoad load = new VersionLoad(web(), 3)) {
      load.awaitMore(20);
      FoobarCommand second = deploy(wars, app, "2.0", Kind.WITH_COLUMN);
      assertThat(second.exitCode()).as(second.output()).isZero();
      assertThat(second.output())
          .containsPattern(
              "database +" + database + ": schema at version 2 \\(1 migration applied\\)");
      int afterSecond = load.answers().size();
      load.awaitMore(20);
      // 2.0 reads the column V2 added: "2.0 greetings=3" says the column is there.
      assertThat(load.answersSince(afterSecond)).allMatch("2.0 greetings=3"::equals);

      FoobarCommand broken = deploy(wars, app, "3.0", Kind.THROWS_IN_INIT);
      assertThat(broken.exitCode()).as(broken.output()).isEqualTo(1);
      assertThat(broken.output())
          .contains("foobar deploy: release 3 refused: app-" + appA + ": ")
          .contains("release 3.0 cannot start")
          .contains("the instances are back on release 2");
      int afterBroken = load.answers().size();
      load.awaitMore(20);
      assertThat(load.answersSince(afterBroken)).allMatch("2.0 greetings=3"::equals);

      FoobarCommand failing = deploy(wars, app, "4.0", Kind.FAILING_MIGRATION);
      assertThat(failing.exitCode()).as(failing.output()).isEqualTo(1);
      assertThat(failing.output())
          .contains("foobar deploy: release 4 refused: schema migration failed")
          .contains("V3__broken.sql")
          .contains("no_such_table' doesn't exist")
          .contains("the instances still run release 2")
          .doesNotContain("app-" + appA + " ");
      // What the operator does next (after undoing the half-done script, here nothing to undo).
      FoobarCommand repair = foobar("db", "repair");
      assertThat(repair.exitCode()).as(repair.output()).isZero();
      assertThat(repair.output())
          .contains("foobar db repair: 1 failed migration removed from the history");
      int afterFailing = load.answers().size();
      load.awaitMore(20);
      assertThat(load.answersSince(afterFailing)).allMatch("2.0 greetings=3"::equals);

      // Back to 1.0 on 2.0's schema: migrations only go forward, and V2 was backward compatible.
      FoobarCommand back = foobar("rollback", "1", "--settle", "0");
      assertThat(back.exitCode()).as(back.output()).isZero();
      assertThat(back.output()).contains("foobar: rolled back to release 1 (1.0)");
      int afterRollback = load.answers().size();
      load.awaitMore(20);
      load.close();
      System.out.printf(
          "version load: %d answers, %d failed%n", load.answers().size(), load.failures().size());
      assertThat(load.failures()).as("failed requests").isEmpty();
      assertThat(load.answers()).allMatch(answer -> answer.matches("[12]\\.0 greetings=3"));
      assertThat(load.answersSince(afterRollback)).allMatch("1.0 greetings=3"::equals);
    }

    FoobarCommand releases = FoobarCommand.run(home, LONG, List.of("releases")); // no --set
    assertThat(releases.exitCode()).as(releases.output()).isZero();
    assertThat(releases.output())
        .containsPattern("(?m)^1 +" + app + " +1\\.0 .* current$")
        .containsPattern("(?m)^2 +" + app + " +2\\.0 .* previous$")
        .containsPattern(
            "(?m)^3 +" + app + " +3\\.0 .* failed: app-" + appA + ": .*release 3\\.0 cannot start")
        .containsPattern("(?m)^4 +" + app + " +4\\.0 .* failed: schema migration failed");

    // foobar db acts on the running application's database, not the store's.
    FoobarCommand info = foobar("db", "info");
    assertThat(info.exitCode()).as(info.output()).isZero();
    assertThat(info.output()).containsPattern("(?m)^1 +greetings +Success");
    Path dump = wars.resolve("hello.sql");
    FoobarCommand backup = foobar("db", "backup", dump.toString());
    assertThat(backup.exitCode()).as(backup.output()).isZero();
    assertThat(backup.output()).contains("foobar db backup: " + database + " -> " + dump);
    assertThat(Files.readString(dump)).contains("CREATE TABLE `greetings`");
  }

  private static FoobarCommand deploy(Path wars, String app, String version, Kind kind)
      throws Exception {
    return foobar("deploy", VersionApps.war(wars, app, version, kind).toString(), "--settle", "0");
  }

  private static void assertNothingFailedOrLost(WebLoad load) throws Exception {
    System.out.printf(
        "load %s: %d requests, %d orders confirmed, %d cancelled, %d failed%n",
        load.email(),
        load.requests(),
        load.confirmed(),
        load.cancelledOrderIds().size(),
        load.failures().size());
    assertThat(load.failures()).as("failed out of " + load.requests() + " requests").isEmpty();
    assertThat(load.confirmed()).isPositive();
    // Every confirmed order is there, and there is no order nobody was told about (a retry
    // that placed a second one); every confirmed cancel too.
    assertThat(store.orderIds(load.email(), null)).isEqualTo(load.confirmedOrderIds());
    assertThat(store.orderIds(load.email(), "cancelled")).isEqualTo(load.cancelledOrderIds());
    // And the stock adds up: each order still placed took one sticker from the 500 of restock().
    assertThat(store.stickersInStock())
        .isEqualTo(StoreDatabase.STICKERS - load.confirmed() + load.cancelledOrderIds().size());
  }

  /**
   * After a crash: every order the API confirmed is in the database. An order committed as the
   * database died may be there without its 201 having reached the client; either way each order row
   * took its sticker, in the same transaction.
   */
  private static void assertEveryConfirmedOrderKept(WebLoad load) throws Exception {
    System.out.printf(
        "load %s: %d requests, %d orders confirmed, failed while the database was gone: %s%n",
        load.email(), load.requests(), load.confirmed(), load.failures());
    Set<Long> inDatabase = store.orderIds(load.email(), null);
    assertThat(inDatabase).containsAll(load.confirmedOrderIds());
    assertThat(store.stickersInStock()).isEqualTo(StoreDatabase.STICKERS - inDatabase.size());
  }

  /** Every request the web tier sent to an instance, retried or failed, released its count. */
  private static void assertNoRequestLeftInFlight() throws Exception {
    List<String> inFlight =
        webMetrics().lines().filter(l -> l.startsWith("foobar_web_backend_in_flight{")).toList();
    assertThat(inFlight).hasSize(2).allMatch(l -> l.endsWith("} 0.0") || l.endsWith("} 0"));
  }

  /** The web tier's {@code foobar_web_backend_up} for the instance on that port: 1.0 or 0.0. */
  private static String backendUp(int port) throws Exception {
    String prefix = "foobar_web_backend_up{backend=\"127.0.0.1:" + port + "\"} ";
    return webMetrics()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix + "in the web tier's metrics"));
  }

  private static String webMetrics() throws Exception {
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    return metrics.body();
  }

  private static URI web() {
    return URI.create("http://127.0.0.1:" + webPort);
  }

  private static long pidOf(String process) throws Exception {
    String text = Files.readString(home.resolve("var/run/" + process + ".pid"));
    Matcher m = Pattern.compile("^(\\d+)").matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return Long.parseLong(m.group(1));
  }
}
