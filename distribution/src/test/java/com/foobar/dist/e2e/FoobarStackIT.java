package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The assembled package, started with bin/foobar on free loopback ports and used as a user would: a
 * DNS query, the static page, an order written through the web tier and read back, and the order
 * still there after the stack is stopped and started again.
 */
@ResourceLock(PackageLock.NAME)
class FoobarStackIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Path LOGS = Path.of("target/e2e");

  /** The first start unpacks the MariaDB binaries (365 MB); later ones reuse them. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final Pattern INSTANCE =
      Pattern.compile(
          "\\{\"database\":\"up\",\"instance\":\"(\\w+)\",\"path\":\"/api/products\"\\}");

  private static int webPort;
  private static int dnsPort;
  private static List<Path> appSockets;
  private static List<String> arguments;

  @BeforeAll
  static void choosePorts() throws IOException {
    assertThat(DIST.resolve("bin/foobar")).isExecutable();
    StackPorts ports = StackPorts.free();
    webPort = ports.web();
    dnsPort = ports.dns();
    // Where the package lies too deep for a socket address (106 bytes) the stack uses TCP.
    appSockets =
        Stream.of(ports.appA(), ports.appB())
            .map(port -> DIST.toAbsolutePath().resolve("var/run/app-" + port + ".sock"))
            .filter(socket -> socket.toString().length() <= 106)
            .toList();
    arguments = new ArrayList<>(List.of("run"));
    arguments.addAll(ports.settings());
  }

  @Test
  void servesDnsThePageAndAnOrderThatSurvivesARestart() throws Exception {
    String location;
    String order;
    try (StackProcess stack = StackProcess.start(DIST, LOGS, arguments)) {
      String upLine = stack.awaitLine("stack up in", START_TIMEOUT);
      System.out.println("first start: " + upLine);
      assertThat(stack.stdout())
          .contains("  database ", "  app ", "  web ", "  dns ")
          .containsPattern("(?s)database .*app .*web .*dns .*stack up in");

      assertThat(appSockets).as("the web tier reaches the instances here").allMatch(Files::exists);
      answersWwwWithCnameAndAddress();
      reloadsZonesOnCommand(stack);
      servesTheStorePage();

      HttpResponse<String> created =
          send(
              HttpRequest.newBuilder(web("/api/orders"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"sku\":\"FB-MUG\",\"quantity\":2,\"email\":\"ada@example.com\"}")));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      location = created.headers().firstValue("Location").orElseThrow();
      assertThat(location).matches(".*/api/orders/\\d+");
      order = created.body();
      assertThat(order).contains("\"sku\":\"FB-MUG\"", "\"quantity\":2", "\"totalCents\":2598");

      HttpResponse<String> read = send(HttpRequest.newBuilder(web(path(location))));
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.body()).isEqualTo(order);

      // The last request before the stop is in logs/access.log (NCSA combined).
      String agent = "FoobarStackIT/" + System.nanoTime();
      assertThat(send(HttpRequest.newBuilder(web("/")).header("User-Agent", agent)).statusCode())
          .isEqualTo(200);
      assertThat(stack.stop(Duration.ofSeconds(60))).isIn(0, 143);
      assertThat(stack.stdout()).contains("foobar: stopped");
      assertThat(appSockets).as("removed by the instances' stop").noneMatch(Files::exists);
      // Written from the access log's buffer when the web tier stopped.
      assertThat(Files.readString(DIST.resolve("logs/access.log")))
          .containsPattern("\"GET / HTTP/[0-9.]+\" 200 \\d+ \"[^\"]*\" \"" + agent + "\"");
    }

    try (StackProcess again = StackProcess.start(DIST, LOGS, arguments)) {
      System.out.println("restart: " + again.awaitLine("stack up in", START_TIMEOUT));
      HttpResponse<String> read = send(HttpRequest.newBuilder(web(path(location))));
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.body()).isEqualTo(order);
      again.stop(Duration.ofSeconds(60));
    }
  }

  @Test
  void aWebTierAloneBalancesOverTheBackendsItIsGivenByWeight() throws Exception {
    // App instances elsewhere, as web.backends would name them on other machines.
    HttpServer heavy = instance("heavy");
    HttpServer light = instance("light");
    HttpServer standby = instance("standby");
    StackPorts ports = StackPorts.free();
    List<String> webOnly = new ArrayList<>(List.of("run", "--tier", "web"));
    webOnly.addAll(
        ports.settings(
            "web.backends=http://127.0.0.1:"
                + heavy.getAddress().getPort()
                + " weight=2, http://127.0.0.1:"
                + light.getAddress().getPort()
                + ", http://127.0.0.1:"
                + standby.getAddress().getPort()
                + " backup"));
    try (StackProcess web = StackProcess.start(DIST, LOGS, webOnly)) {
      web.awaitLine("web up in", START_TIMEOUT);
      Map<String, Integer> answeredBy = new TreeMap<>();
      for (int i = 0; i < 6; i++) {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ports.web() + "/api/products"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        Matcher instance = INSTANCE.matcher(answer.body());
        assertThat(instance.matches()).as(answer.body()).isTrue();
        answeredBy.merge(instance.group(1), 1, Integer::sum);
      }
      // Two rounds of the weights, 2:1, the order nginx's smooth weighting gives (heavy light
      // heavy); the backup takes nothing while the others are healthy.
      assertThat(answeredBy).isEqualTo(Map.of("heavy", 4, "light", 2));
    } finally {
      heavy.stop(0);
      light.stop(0);
      standby.stop(0);
    }
  }

  /** A stand-in app instance answering every request with its name and the path. */
  private static HttpServer instance(String name) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              ("{\"database\":\"up\",\"instance\":\""
                      + name
                      + "\",\"path\":\""
                      + exchange.getRequestURI()
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  @Test
  void dnsReloadSaysSoWhenTheTierIgnoresSighup() throws Exception {
    List<String> dnsOnly = new ArrayList<>(List.of("run", "--tier", "dns"));
    dnsOnly.addAll(StackPorts.free().settings());
    try (StackProcess dns = StackProcess.start(DIST, LOGS, dnsOnly, StackProcess.Hangup.IGNORED)) {
      dns.awaitLine("dns up in", START_TIMEOUT);
      assertThat(dns.output())
          .contains(
              "SIGHUP is ignored by this process (started under nohup?), so foobar dns reload");

      FoobarCommand reload =
          FoobarCommand.run(DIST, Duration.ofSeconds(60), List.of("dns", "reload"));

      assertThat(reload.exitCode()).as(reload.output()).isEqualTo(1);
      assertThat(reload.output())
          .containsPattern(
              "foobar dns reload: process \\d+ ignores SIGHUP \\(started under nohup\\?\\), so it"
                  + " cannot be asked");
      assertThat(dns.stop(Duration.ofSeconds(60))).isIn(0, 143);
    }
  }

  @Test
  void refusesAnUnknownConfigKeyBeforeStartingAnything() throws Exception {
    List<String> bad = new ArrayList<>(arguments);
    bad.addAll(List.of("--set", "web.htp.port=1"));
    try (StackProcess stack = StackProcess.start(DIST, LOGS, bad)) {
      assertThat(stack.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(stack.stderr())
          .contains("foobar: --set web.htp.port: unknown configuration key 'web.htp.port'");
      assertThat(stack.stdout()).doesNotContain("database");
    }
  }

  @Test
  void refusesPoolSettingsThatDoNotFitTogetherBeforeStartingAnything() throws Exception {
    List<String> bad = new ArrayList<>(arguments);
    bad.addAll(List.of("--set", "app.pool.max-lifetime-ms=60000"));
    bad.addAll(List.of("--set", "app.pool.keepalive-ms=60000"));
    try (StackProcess stack = StackProcess.start(DIST, LOGS, bad)) {
      assertThat(stack.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(stack.stderr())
          .contains(
              "foobar: app.pool.*: db pool: the keepalive must be 0 (off) or at least 30 s and"
                  + " below the max lifetime")
          .doesNotContain("Exception");
      assertThat(stack.stdout()).doesNotContain("database");
    }
  }

  @Test
  void refusesABrokenZoneFileBeforeStartingAnything() throws Exception {
    Path zones = Files.createTempDirectory(LOGS.toAbsolutePath(), "zones");
    Files.writeString(
        zones.resolve("foobar.com.zone"),
        "$ORIGIN foobar.com.\n$TTL 3600\n"
            + "@ IN SOA ns1 hostmaster ( 1 7200 3600 1209600 300 )\n"
            + "@ IN NS ns1\n"
            + "ns1 IN A 8.8.8.999\n");
    List<String> bad = new ArrayList<>(arguments);
    bad.addAll(List.of("--set", "dns.zones=" + zones));
    try (StackProcess stack = StackProcess.start(DIST, LOGS, bad)) {
      assertThat(stack.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(stack.stderr()).contains("foobar.com.zone line 5: ");
      assertThat(stack.stdout()).isEmpty(); // no tier, and no stop: nothing had begun
    }
  }

  private static void answersWwwWithCnameAndAddress() throws IOException {
    SimpleResolver resolver = new SimpleResolver("127.0.0.1");
    resolver.setPort(dnsPort);
    resolver.setTimeout(Duration.ofSeconds(3));
    Record question = Record.newRecord(Name.fromString("www.foobar.com."), Type.A, DClass.IN);
    Message response = resolver.send(Message.newQuery(question));

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
    List<Record> answer = response.getSection(Section.ANSWER);
    assertThat(answer).hasSize(2);
    assertThat(answer.get(0)).isInstanceOf(CNAMERecord.class);
    assertThat(answer.get(0).getName()).isEqualTo(Name.fromString("www.foobar.com."));
    assertThat(((CNAMERecord) answer.get(0)).getTarget()).isEqualTo(Name.fromString("foobar.com."));
    assertThat(answer.get(1)).isInstanceOf(ARecord.class);
    assertThat(answer.get(1).getName()).isEqualTo(Name.fromString("foobar.com."));
    assertThat(((ARecord) answer.get(1)).getAddress().getHostAddress()).isEqualTo("8.8.8.8");
  }

  /** {@code foobar dns reload} reaches the running server, which reports the outcome. */
  private static void reloadsZonesOnCommand(StackProcess stack) throws Exception {
    Process reload =
        new ProcessBuilder(DIST.resolve("bin/foobar").toString(), "dns", "reload")
            .redirectErrorStream(true)
            .start();
    String said = new String(reload.getInputStream().readAllBytes());
    assertThat(reload.waitFor()).as(said).isZero();
    assertThat(said).startsWith("foobar dns reload: asked process ");
    stack.awaitLine("foobar: SIGHUP: dns no zone changed", Duration.ofSeconds(10));
  }

  private static void servesTheStorePage() throws Exception {
    HttpResponse<String> page = send(HttpRequest.newBuilder(web("/")));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.body()).contains("foobar", "app.js");

    HttpResponse<String> products = send(HttpRequest.newBuilder(web("/api/products")));
    assertThat(products.statusCode()).isEqualTo(200);
    assertThat(products.body()).contains("\"sku\":\"FB-MUG\"", "\"sku\":\"FB-TEE\"");
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI web(String path) {
    return URI.create("http://127.0.0.1:" + webPort + path);
  }

  private static String path(String location) {
    return URI.create(location).getPath();
  }
}
