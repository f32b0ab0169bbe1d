package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack as separate processes, as an operator runs it without systemd, each a real bin/foobar
 * of the assembled package on free loopback ports: {@code foobar start}, {@code status}, a rolling
 * {@code deploy} of the app instances under load, an app instance killed with SIGKILL under load,
 * {@code start} bringing it back, {@code stop}. Under load means reads and idempotent orders
 * through the web tier: not one may fail, and every confirmed order must be in the database once.
 */
class SeparateProcessesIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Duration LONG = Duration.ofSeconds(240);
  // The package's database outlives test runs: this run's orders carry its own email.
  private static final long RUN = System.currentTimeMillis();

  private static int appA;
  private static int appB;
  private static int webPort;
  private static int dbPort;
  private static int adminPort;
  private static List<String> settings;

  @BeforeAll
  static void choosePorts() throws Exception {
    assertThat(DIST.resolve("bin/foobar")).isExecutable();
    StackPorts ports = StackPorts.free();
    appA = ports.appA();
    appB = ports.appB();
    webPort = ports.web();
    dbPort = ports.db();
    adminPort = ports.admin();
    // Health checked twice a second and a 1 s drain, so a deploy takes seconds, not minutes;
    // least-busy, the balance a deploy is kinder with (a restarted instance starts cold), whose
    // in-flight counts the deploy and the kill below must leave at zero.
    settings =
        ports.settings(
            "web.health.interval-ms=500", "app.drain-delay-ms=1000", "web.balance=least-busy");
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
    return FoobarCommand.run(DIST, LONG, arguments);
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

    // A rolling deploy while clients read and order through the web tier.
    restock(); // the package's database outlives test runs
    FoobarCommand deploy;
    try (WebLoad load = new WebLoad(web(), 3, "deploy-" + RUN + "@example.com", 15, 300)) {
      Thread.sleep(1000);
      deploy = foobar("deploy", "--settle", "2");
      Thread.sleep(500);
      load.close();
      assertNothingFailedOrLost(load);
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
    restock();
    try (WebLoad load = new WebLoad(web(), 3, "sigkill-" + RUN + "@example.com", 5, 180)) {
      Thread.sleep(1000);
      ProcessHandle.of(victim).orElseThrow().destroyForcibly();
      Thread.sleep(3000);
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

    FoobarCommand stop = foobar("stop");
    assertThat(stop.exitCode()).as(stop.output()).isZero();
    assertThat(stop.output())
        .containsPattern(
            "(?s)dns +stopped.*web +stopped.*app-.*db +stopped.*foobar: stack stopped");
    assertThat(DIST.resolve("var/run/web.pid")).doesNotExist();
    FoobarCommand stopped = foobar("status");
    assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(3);
    assertThat(stopped.output()).containsPattern("web +stopped .*DOWN: unreachable");
  }

  private static Connection database() throws Exception {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + dbPort + "/foobar",
        "foobar_app",
        Files.readString(DIST.resolve("var/secrets/db-app.password")).strip());
  }

  private static void restock() throws Exception {
    try (Connection db = database()) {
      db.createStatement()
          .executeUpdate("UPDATE products SET stock = 500 WHERE sku = 'FB-STICKER'");
    }
  }

  private static void assertNothingFailedOrLost(WebLoad load) throws Exception {
    System.out.printf(
        "load %s: %d requests, %d orders confirmed, %d failed%n",
        load.email(), load.requests(), load.confirmed(), load.failures().size());
    assertThat(load.failures()).as("failed out of " + load.requests() + " requests").isEmpty();
    assertThat(load.confirmed()).isPositive();
    Set<Long> inDatabase = new HashSet<>();
    try (Connection db = database();
        PreparedStatement query = db.prepareStatement("SELECT id FROM orders WHERE email = ?")) {
      query.setString(1, load.email());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          inDatabase.add(rows.getLong(1));
        }
      }
    }
    // Every confirmed order is there, and there is no order nobody was told about (a retry
    // that placed a second one).
    assertThat(inDatabase).isEqualTo(load.confirmedOrderIds());
    // And the stock adds up: each order took one sticker from the 500 of restock().
    try (Connection db = database();
        ResultSet row =
            db.createStatement()
                .executeQuery("SELECT stock FROM products WHERE sku = 'FB-STICKER'")) {
      row.next();
      assertThat(row.getInt(1)).isEqualTo(500 - inDatabase.size());
    }
  }

  /** Every request the web tier sent to an instance, retried or failed, released its count. */
  private static void assertNoRequestLeftInFlight() throws Exception {
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    List<String> inFlight =
        metrics.body().lines().filter(l -> l.startsWith("foobar_web_backend_in_flight{")).toList();
    assertThat(inFlight).hasSize(2).allMatch(l -> l.endsWith("} 0.0") || l.endsWith("} 0"));
  }

  private static URI web() {
    return URI.create("http://127.0.0.1:" + webPort);
  }

  private static long pidOf(String process) throws Exception {
    String text = Files.readString(DIST.resolve("var/run/" + process + ".pid"));
    Matcher m = Pattern.compile("^(\\d+)").matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return Long.parseLong(m.group(1));
  }
}
