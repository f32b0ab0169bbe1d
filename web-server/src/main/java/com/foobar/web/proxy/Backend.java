package com.foobar.web.proxy;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.Transport;

/**
 * One app instance behind the web tier: its address, whether it is in rotation, and what it has
 * served. Health flips from the health checker's thread and from failed requests; readers take
 * whatever value is current (volatile), which is all a load balancer needs.
 */
public final class Backend {
  private final URI uri;
  private final String name;
  private final int weight;
  private final boolean backup;
  private final Transport transport;
  // Smooth weighted round-robin's running score (nginx's current_weight); the pool's lock guards
  // it.
  int currentWeight;
  private volatile boolean healthy = true;
  private volatile String database = "unknown"; // what its last health answer said
  private final LongAdder requests = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final AtomicInteger inFlight = new AtomicInteger();

  Backend(BackendSpec spec) {
    this.uri = spec.uri();
    this.name = uri.getHost() + ":" + uri.getPort();
    this.weight = spec.weight();
    this.backup = spec.backup();
    this.transport =
        spec.unixSocket() == null ? Transport.TCP_IP : new Transport.TCPUnix(spec.unixSocket());
  }

  /** How requests reach it: TCP to its URI, or its Unix domain socket on this host. */
  Transport transport() {
    return transport;
  }

  /** Its share of the requests relative to the other instances (1 to 100). */
  public int weight() {
    return weight;
  }

  /** Whether it only takes requests while no other (non-backup) instance is healthy. */
  public boolean backup() {
    return backup;
  }

  public URI uri() {
    return uri;
  }

  /** {@code host:port}, as metrics and the status page label it. */
  public String name() {
    return name;
  }

  public boolean healthy() {
    return healthy;
  }

  /** Responses it gave through the proxy (any status). */
  public long requests() {
    return requests.sum();
  }

  /** Requests that could not reach it (refused, reset) or timed out. */
  public long failures() {
    return failures.sum();
  }

  /** Requests sent to it whose response has not yet been passed on to the client. */
  public int inFlight() {
    return inFlight.get();
  }

  void begin() {
    inFlight.incrementAndGet();
  }

  void end() {
    inFlight.decrementAndGet();
  }

  /** {@code up}, {@code down} or {@code unknown}: the database as this instance last saw it. */
  public String database() {
    return database;
  }

  void markHealthy(boolean healthy) {
    this.healthy = healthy;
  }

  void database(String state) {
    this.database = state;
  }

  void countResponse() {
    requests.increment();
  }

  void countFailure() {
    failures.increment();
  }

  @Override
  public String toString() {
    return name + (healthy ? " (up)" : " (down)");
  }
}
