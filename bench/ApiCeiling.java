// The ceiling for bench/api.sh: the API's own queries issued straight over JDBC (HikariCP over
// MariaDB Connector/J, as the app does), by N threads for D seconds, with no HTTP in between.
// Run with the package's jars: java -cp "distribution/target/foobar/lib/*" bench/ApiCeiling.java
//   URL USER PASSWORD THREADS SECONDS read|order [WARMUP_SECONDS]
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

public class ApiCeiling {
  public static void main(String[] args) throws Exception {
    String url = args[0], user = args[1], password = args[2];
    int threads = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    boolean order = args[5].equals("order");
    int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 0;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(threads);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    try (HikariDataSource pool = new HikariDataSource(config)) {
      run(pool, threads, warmup, order); // the JIT compiles the path before it is measured
      System.out.println(run(pool, threads, seconds, order));
    }
  }

  /** THREADS workers issue the statements for SECONDS; their rate and p99 latency. */
  private static String run(HikariDataSource pool, int threads, int seconds, boolean order)
      throws InterruptedException {
    AtomicBoolean running = new AtomicBoolean(true);
    List<long[]> latencies = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    int[] counts = new int[threads];
    for (int t = 0; t < threads; t++) {
      long[] mine = new long[4_000_000];
      latencies.add(mine);
      int index = t;
      Thread worker =
          new Thread(
              () -> {
                int n = 0;
                while (running.get() && n < mine.length) {
                  long begin = System.nanoTime();
                  try {
                    if (order) {
                      placeOrder(pool);
                    } else {
                      readProduct(pool);
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  mine[n++] = System.nanoTime() - begin;
                }
                counts[index] = n;
              });
      workers.add(worker);
    }
    long start = System.nanoTime();
    workers.forEach(Thread::start);
    Thread.sleep(seconds * 1000L);
    running.set(false);
    for (Thread worker : workers) {
      worker.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(latencies.get(t), 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    return String.format(
        "%.2f ops/s p99 %.2fms", total / elapsed, all[(int) (total * 0.99)] / 1e6);
  }

  private static void readProduct(HikariDataSource pool) throws Exception {
    try (Connection c = pool.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT sku, name, description, price_cents, stock FROM products WHERE sku = ?")) {
      q.setString(1, "FB-MUG");
      try (ResultSet r = q.executeQuery()) {
        r.next();
      }
    }
  }

  private static void placeOrder(HikariDataSource pool) throws Exception {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE products SET stock = stock - ? WHERE sku = ? AND stock >= ?");
          PreparedStatement i =
              c.prepareStatement(
                  "INSERT INTO orders (product_id, quantity, email, total_cents)"
                      + " SELECT id, ?, ?, price_cents * ? FROM products WHERE sku = ?",
                  PreparedStatement.RETURN_GENERATED_KEYS);
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT o.id, p.sku, o.quantity, o.email, o.total_cents,"
                      + " UNIX_TIMESTAMP(o.created_at), o.status FROM orders o"
                      + " JOIN products p ON p.id = o.product_id WHERE o.id = ?")) {
        u.setInt(1, 1);
        u.setString(2, "FB-STICKER");
        u.setInt(3, 1);
        u.executeUpdate();
        i.setInt(1, 1);
        i.setString(2, "ceiling@example.com");
        i.setInt(3, 1);
        i.setString(4, "FB-STICKER");
        i.executeUpdate();
        long id;
        try (ResultSet k = i.getGeneratedKeys()) {
          k.next();
          id = k.getLong(1);
        }
        s.setLong(1, id);
        try (ResultSet r = s.executeQuery()) {
          r.next();
        }
        c.commit();
      }
    }
  }
}
