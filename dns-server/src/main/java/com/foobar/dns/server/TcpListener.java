package com.foobar.dns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;

/** A TCP server socket and the thread accepting on it; connections go to {@link TcpConnections}. */
public final class TcpListener implements AutoCloseable {
  private final ServerSocket server;
  private final TcpConnections connections;
  private final ListenerStats stats;
  private Thread acceptor;

  private TcpListener(ServerSocket server, TcpConnections connections, ListenerStats stats) {
    this.server = server;
    this.connections = connections;
    this.stats = stats;
  }

  /**
   * Binds the server socket (without accepting yet).
   *
   * @throws IOException if the address cannot be bound
   */
  public static TcpListener bind(
      InetSocketAddress address, TcpConnections connections, ListenerStats stats)
      throws IOException {
    ServerSocket server = new ServerSocket();
    try {
      // Lets a restarted server bind while old connections sit in TIME_WAIT.
      server.setReuseAddress(true);
      server.bind(address, 128);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return new TcpListener(server, connections, stats);
  }

  /** The bound port. */
  public int port() {
    return server.getLocalPort();
  }

  /** Starts the accepting thread. */
  public void start() {
    acceptor = new Thread(this::acceptLoop, "dns-tcp-accept-" + port());
    acceptor.start();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.serve(socket);
      } catch (SocketException e) {
        if (server.isClosed()) {
          return;
        }
        stats.failed.increment();
      } catch (IOException | RuntimeException e) {
        stats.failed.increment(); // e.g. out of file descriptors: keep accepting, without spinning
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops accepting and waits for the accepting thread; open connections are closed elsewhere. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // nothing more to release
    }
    if (acceptor != null) {
      Joiner.joinAll(List.of(acceptor));
    }
  }
}
