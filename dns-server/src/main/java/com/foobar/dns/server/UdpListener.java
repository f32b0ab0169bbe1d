package com.foobar.dns.server;

import com.foobar.dns.answer.QueryHandler;
import com.foobar.dns.answer.Transport;
import com.foobar.dns.answer.Truncation;
import com.foobar.dns.answer.WireQuestion;
import com.foobar.dns.ratelimit.ResponseRateLimiter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket and the threads receiving on it. Each thread owns its buffers, so the only shared
 * state is the socket and the immutable zones behind the {@link QueryHandler}.
 */
public final class UdpListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UdpListener.class);
  private static final int MAX_DATAGRAM = 65535;

  private final DatagramSocket socket;
  private final QueryHandler handler;
  private final ListenerStats stats;
  private final ResponseRateLimiter rateLimiter; // null: no limit
  private final List<Thread> threads = new ArrayList<>();

  private UdpListener(
      DatagramSocket socket,
      QueryHandler handler,
      ListenerStats stats,
      ResponseRateLimiter rateLimiter) {
    this.socket = socket;
    this.handler = handler;
    this.stats = stats;
    this.rateLimiter = rateLimiter;
  }

  /**
   * Binds the socket (no threads yet, so a failed multi-address start leaves nothing running).
   *
   * @throws IOException if the address cannot be bound
   */
  public static UdpListener bind(
      InetSocketAddress address,
      QueryHandler handler,
      ListenerStats stats,
      ResponseRateLimiter rateLimiter)
      throws IOException {
    DatagramSocket socket = new DatagramSocket(null);
    try {
      socket.setReceiveBufferSize(1 << 20); // absorb bursts while the threads are busy
      socket.bind(address);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
    return new UdpListener(socket, handler, stats, rateLimiter);
  }

  /** The bound port. */
  public int port() {
    return socket.getLocalPort();
  }

  /** The bound address and port, for log messages. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Starts {@code threadCount} receiving threads. */
  public void start(int threadCount) {
    for (int i = 0; i < threadCount; i++) {
      Thread t = new Thread(this::receiveLoop, "dns-udp-" + port() + "-" + i);
      threads.add(t);
      t.start();
    }
  }

  private void receiveLoop() {
    byte[] buffer = new byte[MAX_DATAGRAM];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (!socket.isClosed()) {
      try {
        packet.setData(buffer); // resets the length a previous receive shrank
        socket.receive(packet);
      } catch (SocketException e) {
        if (socket.isClosed()) {
          return;
        }
        stats.failed.increment();
        continue;
      } catch (IOException | RuntimeException e) {
        stats.failed.increment();
        continue;
      }
      try {
        long begin = System.nanoTime();
        byte[] response = handler.handle(buffer, packet.getLength(), Transport.UDP);
        if (response == null) {
          stats.dropped.increment();
          continue;
        }
        stats.queries.record(
            false,
            WireQuestion.type(buffer, packet.getLength()),
            response[3] & 0x0F,
            System.nanoTime() - begin);
        if (rateLimiter != null) {
          switch (rateLimiter.check(packet.getAddress(), System.nanoTime())) {
            case SEND -> {}
            case SLIP -> response = Truncation.of(response);
            case DROP -> response = null;
          }
          if (response == null) {
            stats.rateLimited.increment();
            continue;
          }
        }
        socket.send(new DatagramPacket(response, response.length, packet.getSocketAddress()));
        stats.answered.increment();
      } catch (IOException | RuntimeException e) {
        // e.g. the client's port is unreachable: its problem, not the listener's.
        stats.failed.increment();
        log.debug("udp: cannot answer {}: {}", packet.getSocketAddress(), e.toString());
      }
    }
  }

  /** Closes the socket and waits for the receiving threads to end. */
  @Override
  public void close() {
    socket.close();
    Joiner.joinAll(threads);
  }
}
