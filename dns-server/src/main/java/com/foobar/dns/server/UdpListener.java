package com.foobar.dns.server;

import com.foobar.dns.answer.QueryHandler;
import com.foobar.dns.answer.Transport;
import com.foobar.dns.answer.Truncation;
import com.foobar.dns.answer.WireQuestion;
import com.foobar.dns.ratelimit.ResponseRateLimiter;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets of one address and the threads receiving on them.
 *
 * <p>With several sockets they share the port through {@code SO_REUSEPORT}, so the kernel spreads
 * clients over them (by address and port) and the threads of different sockets never contend for a
 * socket lock, as NSD's and Knot's per-worker sockets do. Each thread owns its buffers; the only
 * shared state is its socket and the immutable zones behind the {@link QueryHandler}.
 *
 * <p>Packets go through direct buffers on {@link DatagramChannel}s rather than {@code
 * DatagramSocket}, whose adaptor copies each packet through a temporary direct buffer anyway and
 * allocates a packet object per answer.
 */
public final class UdpListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UdpListener.class);
  private static final int MAX_DATAGRAM = 65535;

  private final List<DatagramChannel> channels;
  private final QueryHandler handler;
  private final ListenerStats stats;
  private final ResponseRateLimiter rateLimiter; // null: no limit
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;

  private UdpListener(
      List<DatagramChannel> channels,
      QueryHandler handler,
      ListenerStats stats,
      ResponseRateLimiter rateLimiter) {
    this.channels = channels;
    this.handler = handler;
    this.stats = stats;
    this.rateLimiter = rateLimiter;
  }

  /**
   * Binds {@code sockets} sockets to the address (no threads yet, so a failed multi-address start
   * leaves nothing running). With port 0 the first socket picks the port and the rest join it.
   *
   * @throws IOException if the address cannot be bound
   */
  public static UdpListener bind(
      InetSocketAddress address,
      int sockets,
      QueryHandler handler,
      ListenerStats stats,
      ResponseRateLimiter rateLimiter)
      throws IOException {
    List<DatagramChannel> channels = new ArrayList<>();
    try {
      InetSocketAddress next = address;
      for (int i = 0; i < sockets; i++) {
        DatagramChannel channel = open(next, sockets > 1);
        channels.add(channel);
        next = new InetSocketAddress(address.getAddress(), port(channel));
      }
    } catch (IOException | RuntimeException e) {
      closeAll(channels);
      throw e;
    }
    return new UdpListener(channels, handler, stats, rateLimiter);
  }

  private static DatagramChannel open(InetSocketAddress address, boolean sharePort)
      throws IOException {
    // The wildcard keeps the JDK's default (dual-stack where IPv6 exists), so * means both.
    DatagramChannel channel =
        address.getAddress().isAnyLocalAddress()
            ? DatagramChannel.open()
            : DatagramChannel.open(
                address.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6
                    : StandardProtocolFamily.INET);
    try {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20); // absorb bursts
      if (sharePort) {
        channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      }
      channel.bind(address);
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static int port(DatagramChannel channel) throws IOException {
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  /** The bound port. */
  public int port() {
    return localAddress().getPort();
  }

  /** The bound address and port, for log messages. */
  public InetSocketAddress localAddress() {
    try {
      return (InetSocketAddress) channels.get(0).getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("udp socket closed", e);
    }
  }

  /** Starts {@code threadsPerSocket} receiving threads on each socket. */
  public void start(int threadsPerSocket) {
    int port = port();
    for (int s = 0; s < channels.size(); s++) {
      DatagramChannel channel = channels.get(s);
      for (int i = 0; i < threadsPerSocket; i++) {
        Thread t = new Thread(() -> receiveLoop(channel), "dns-udp-" + port + "-" + s + "-" + i);
        threads.add(t);
        t.start();
      }
    }
  }

  private void receiveLoop(DatagramChannel channel) {
    ByteBuffer in = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    ByteBuffer out = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    byte[] query = new byte[MAX_DATAGRAM];
    while (!closed) {
      SocketAddress client;
      int length;
      try {
        in.clear();
        client = channel.receive(in);
        length = in.position();
        in.flip();
        in.get(query, 0, length);
      } catch (ClosedChannelException e) {
        return; // closed by close(), possibly interrupting this receive
      } catch (IOException | RuntimeException e) {
        stats.failed.increment();
        continue;
      }
      try {
        long begin = System.nanoTime();
        byte[] response =
            handler.handle(
                query,
                length,
                Transport.UDP,
                client instanceof InetSocketAddress from ? from.getAddress() : null);
        if (response == null) {
          stats.dropped.increment();
          continue;
        }
        stats.queries.record(
            false, WireQuestion.type(query, length), response[3] & 0x0F, System.nanoTime() - begin);
        if (rateLimiter != null) {
          switch (rateLimiter.check(((InetSocketAddress) client).getAddress(), System.nanoTime())) {
            case SEND -> {}
            case SLIP -> response = Truncation.of(response);
            case DROP -> response = null;
          }
          if (response == null) {
            stats.rateLimited.increment();
            continue;
          }
        }
        out.clear();
        out.put(response).flip();
        channel.send(out, client);
        stats.answered.increment();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        // e.g. the client's port is unreachable: its problem, not the listener's.
        stats.failed.increment();
        log.debug("udp: cannot answer {}: {}", client, e.toString());
      }
    }
  }

  /** Closes the sockets and waits for the receiving threads to end. */
  @Override
  public void close() {
    closed = true;
    closeAll(channels);
    Joiner.joinAll(threads);
  }

  private static void closeAll(List<DatagramChannel> channels) {
    for (DatagramChannel channel : channels) {
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("udp: close: {}", e.toString());
      }
    }
  }
}
