package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two hosts, each a copy of the package in a network namespace of its own: host A runs every tier
 * (the database, which host B's app instance uses over the network too, and the DNS server the
 * client asks), host B a web tier and an app instance. The zone gives foobar.com both web hosts'
 * addresses, health-checked; each web tier balances over both hosts' app instances. A client on a
 * third host (curl, resolving through our DNS) reads and orders while host B loses power: not one
 * request fails, the DNS stops answering B's address, and every confirmed order is there once.
 */
class MultiHostIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Path LOGS = Path.of("target/e2e");
  private static final Duration START = Duration.ofSeconds(120);
  private static final Duration LOAD = Duration.ofSeconds(60);
  private static final String HOST_A = "198.51.100.1";
  private static final String HOST_B = "198.51.100.2";
  private static final String APP_PASSWORD = "app-test-only";
  private static final String SITE = "http://www.foobar.com";
  private static final Pattern ORDER_ID = Pattern.compile("\"id\":\\s*(\\d+)");
  private static final int ORDERS_AT_MOST = 150; // FB-STICKER's seeded stock is 500

  @Test
  void aWholeHostLosesPowerUnderLoadWithoutAFailedRequest() throws Exception {
    Path work =
        Files.createTempDirectory(Files.createDirectories(LOGS), "multihost-").toAbsolutePath();
    String email = "multihost-" + System.nanoTime() + "@example.com";
    try (TestNetwork network = TestNetwork.create("web")) {
      String hostA = network.addHost("a", 1, null);
      String hostB = network.addHost("b", 2, null);
      String client = network.addHost("client", 3, HOST_A);
      Path homeA = host(work.resolve("host-a"), HOST_A);
      Path homeB = host(work.resolve("host-b"), HOST_B);
      PackageCopy.set(homeA, "db.embedded.bind", "127.0.0.1," + HOST_A);
      PackageCopy.set(homeA, "db.app.hosts", "127.0.0.1,localhost,198.51.100.%");
      PackageCopy.set(homeB, "db.url", "jdbc:mariadb://" + HOST_A + ":3306/foobar");
      PackageCopy.set(homeB, "db.migrate-on-start", "false");

      // The database host first: B's app instance needs it to be healthy.
      StackProcess a = StackProcess.startIn(hostA, homeA, LOGS, List.of("run"));
      a.awaitLine("stack up in", START);
      StackProcess b = StackProcess.startIn(hostB, homeB, LOGS, List.of("run"));
      b.awaitLine("stack up in", START);

      CurlClient curl = new CurlClient(client, Files.createDirectories(work.resolve("client")));
      Await.until(
          "both web hosts in the DNS answer",
          Duration.ofSeconds(30),
          () -> addresses(client).equals(List.of(HOST_A, HOST_B)));
      assertThat(curl.get(SITE + "/api/products/FB-STICKER").status()).isEqualTo(200);

      Load load = new Load(curl, email);
      try (load) {
        load.awaitSuccesses(40);
        TestNetwork.killEverything(hostB);
        long killed = System.nanoTime();
        int before = load.successes();
        Await.until(
            "the DNS answer without host B",
            Duration.ofSeconds(20),
            () -> addresses(client).equals(List.of(HOST_A)));
        System.out.printf(
            "host B killed: out of the DNS answer after %d ms%n",
            (System.nanoTime() - killed) / 1_000_000);
        load.awaitSuccesses(before + 40);
      }
      System.out.println("multi-host load: " + load.summary());
      assertThat(load.failures()).as(load.summary()).isEmpty();
      assertThat(load.servedBy()).containsKey(HOST_A);

      // Every order confirmed with 201 is there, once (a retried POST was answered, not re-placed).
      for (String id : load.orderIds()) {
        assertThat(curl.get(SITE + "/api/orders/" + id).status()).as("order " + id).isEqualTo(200);
      }
      assertThat(ordersPlacedBy(hostA, email)).isEqualTo(load.orderIds().size());
    }
  }

  /** A host's copy of the package: its web tier on port 80, its app instance on its address. */
  private static Path host(Path home, String address) throws Exception {
    PackageCopy.make(DIST, home);
    Path zones = Files.createDirectories(home.resolve("conf/test-zones"));
    Files.writeString(
        zones.resolve("foobar.com.zone"),
        String.join(
            "\n",
            "$ORIGIN foobar.com.",
            "$TTL 60",
            "@    IN SOA ns1.foobar.com. hostmaster.foobar.com. ( 2026120301 7200 3600 1209600 60 )",
            "@    IN NS  ns1.foobar.com.",
            "@    IN A   " + HOST_A,
            "@    IN A   " + HOST_B,
            "ns1  IN A   " + HOST_A,
            "www  IN CNAME foobar.com.",
            ""));
    PackageCopy.set(home, "dns.zones", "conf/test-zones");
    PackageCopy.set(home, "dns.health.names", "foobar.com");
    PackageCopy.set(home, "dns.health.interval-ms", "250");
    PackageCopy.set(home, "dns.health.rise", "2");
    PackageCopy.set(home, "dns.health.fall", "2");
    PackageCopy.set(home, "dns.health.ttl", "1");
    PackageCopy.set(home, "app.bind", address);
    PackageCopy.set(home, "app.ports", "8081");
    PackageCopy.set(home, "web.backends", "http://" + HOST_A + ":8081, http://" + HOST_B + ":8081");
    PackageCopy.set(home, "web.health.interval-ms", "250");
    PackageCopy.set(home, "db.app.password", APP_PASSWORD);
    return home;
  }

  /** foobar.com's addresses as the client host's resolver gets them (sorted). */
  private static List<String> addresses(String client) throws Exception {
    String answer =
        TestNetwork.run(
            TestNetwork.inside(
                client, List.of("dig", "+short", "+tries=1", "www.foobar.com", "A")));
    return answer.lines().filter(line -> line.startsWith("198.51.100.")).sorted().toList();
  }

  private static int ordersPlacedBy(String hostA, String email) throws Exception {
    Path mariadb = DIST.resolve("var/mariadb/base/bin/mariadb").toAbsolutePath();
    String count =
        TestNetwork.run(
            TestNetwork.inside(
                hostA,
                List.of(
                    mariadb.toString(),
                    "--no-defaults",
                    "--skip-ssl",
                    "-h",
                    "127.0.0.1",
                    "-u",
                    "foobar_app",
                    "-p" + APP_PASSWORD,
                    "-N",
                    "-e",
                    "SELECT COUNT(*) FROM foobar.orders WHERE email = '" + email + "'")));
    return Integer.parseInt(count.strip());
  }

  /** Two clients reading and ordering until closed; what each request finally got. */
  private static final class Load implements AutoCloseable {
    private final CurlClient curl;
    private final String email;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger successes = new AtomicInteger();
    private final AtomicInteger orders = new AtomicInteger();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> orderIds = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
    private final ExecutorService clients = Executors.newFixedThreadPool(2);
    private final List<Future<?>> running = new ArrayList<>();
    private final long deadline = System.nanoTime() + LOAD.toNanos();

    Load(CurlClient curl, String email) {
      this.curl = curl;
      this.email = email;
      for (int i = 0; i < 2; i++) {
        running.add(clients.submit(this::run));
      }
    }

    private Void run() throws Exception {
      boolean order = false;
      while (!stop.get() && System.nanoTime() < deadline) {
        order = !order && orders.get() < ORDERS_AT_MOST;
        if (order) {
          orders.incrementAndGet();
          String json = "{\"sku\":\"FB-STICKER\",\"quantity\":1,\"email\":\"" + email + "\"}";
          record(
              "POST /api/orders",
              curl.post(SITE + "/api/orders", json, UUID.randomUUID().toString()),
              201);
        } else {
          record("GET /api/products/FB-STICKER", curl.get(SITE + "/api/products/FB-STICKER"), 200);
        }
      }
      return null;
    }

    private void record(String request, CurlClient.Reply reply, int expected) {
      if (reply.status() != expected) {
        failures.add(request + ": " + reply.status() + " " + reply.error() + " " + reply.body());
        return;
      }
      servedBy.computeIfAbsent(reply.webHost(), host -> new AtomicInteger()).incrementAndGet();
      if (expected == 201) {
        Matcher id = ORDER_ID.matcher(reply.body());
        if (id.find()) {
          orderIds.add(id.group(1));
        } else {
          failures.add(request + ": 201 without an order id: " + reply.body());
        }
      }
      successes.incrementAndGet();
    }

    int successes() {
      return successes.get();
    }

    void awaitSuccesses(int count) throws Exception {
      Await.until(
          () -> count + " requests answered (" + summary() + ")",
          LOAD,
          () -> {
            for (Future<?> client : running) {
              if (client.isDone()) {
                client.get(); // a client that threw: its exception, not a timeout
                throw new AssertionError("a client stopped early: " + summary());
              }
            }
            return successes.get() >= count;
          });
    }

    List<String> failures() {
      return List.copyOf(failures);
    }

    List<String> orderIds() {
      return List.copyOf(orderIds);
    }

    Map<String, AtomicInteger> servedBy() {
      return Map.copyOf(servedBy);
    }

    String summary() {
      return successes.get()
          + " answered ("
          + orderIds.size()
          + " orders), by web host "
          + servedBy
          + ", failed "
          + failures;
    }

    @Override
    public void close() throws Exception {
      stop.set(true);
      clients.shutdown();
      for (Future<?> client : running) {
        client.get();
      }
    }
  }
}
