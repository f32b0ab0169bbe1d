package com.foobar.dns;

import java.io.IOException;
import java.util.Objects;

/**
 * The authoritative DNS server: loads the zones of {@link DnsConfig#zoneDirectory()} and answers
 * for them over UDP and TCP on every bind address.
 *
 * <pre>{@code
 * try (DnsServer dns = new DnsServer(new DnsConfig(List.of("127.0.0.1"), 0, zones))) {
 *   dns.start();
 *   int port = dns.port();
 * }
 * }</pre>
 */
public final class DnsServer implements AutoCloseable {
  private final DnsConfig config;

  /**
   * @param config where to listen and which zones to serve; nothing happens until {@link #start()}
   */
  public DnsServer(DnsConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Loads the zones and binds UDP and TCP on every bind address; returns once listening.
   *
   * @throws ZoneFileException if a zone file cannot be served (the message names file and line)
   * @throws IOException if a socket cannot be bound; its cause chain holds the {@link
   *     java.net.BindException} or {@link java.net.SocketException}
   */
  public void start() throws IOException {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * @return the port actually bound, the same for UDP and TCP and every address; valid after {@link
   *     #start()}
   */
  public int port() {
    return config.port();
  }

  /** Stops listening and waits for the listener threads to end. Idempotent. */
  @Override
  public void close() {}
}
