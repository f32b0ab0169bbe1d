package com.foobar.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * NSD or Knot running beside our server as a reference. Neither can bind port 0 and report the
 * port, so each start picks a free port, and the whole start is done again on another port when
 * another program took that one before the server could bind it (the server then exits saying the
 * address is in use).
 */
final class ReferenceServer implements AutoCloseable {
  private static final int START_ATTEMPTS = 5;
  private static final Name VERSION_BIND = Name.fromConstantString("version.bind.");

  private final Process process;
  private final int port;

  private ReferenceServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the server listening on {@code port}, UDP and TCP, its messages going to the log. */
  @FunctionalInterface
  interface Launch {
    Process start(int port) throws IOException;
  }

  /** The server exited because another program held its port. */
  private static final class PortTaken extends IOException {
    PortTaken(String log) {
      super(log);
    }
  }

  /**
   * Starts the server and waits until it answers {@code version.bind CH TXT} as itself: an answer
   * from whatever else might hold the port does not count.
   *
   * @param version the start of the server's version text, e.g. {@code "NSD "}
   * @param log where the server writes its messages (fresh for each start), read to tell a taken
   *     port from other failures
   */
  static ReferenceServer start(Launch launch, String version, Path log) throws Exception {
    PortTaken last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = FreePort.udpAndTcp();
      Process process = launch.start(port);
      boolean answering = false;
      try {
        awaitVersion(process, port, version, log);
        answering = true;
        return new ReferenceServer(process, port);
      } catch (PortTaken taken) {
        last = taken;
      } finally {
        if (!answering) {
          stop(process);
        }
      }
    }
    throw new IllegalStateException(
        "the port was taken before the server could bind it, " + START_ATTEMPTS + " times", last);
  }

  private static void awaitVersion(Process process, int port, String version, Path log)
      throws Exception {
    SimpleResolver resolver =
        new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    resolver.setTimeout(Duration.ofSeconds(1));
    Message query = Message.newQuery(Record.newRecord(VERSION_BIND, Type.TXT, DClass.CH));
    Await.until(
        version + "answering on port " + port,
        () -> {
          if (!process.isAlive()) {
            return true; // judged below, from its log
          }
          return versionOf(resolver.send(query)).startsWith(version);
        });
    if (!process.isAlive()) {
      String text = Files.exists(log) ? Files.readString(log) : "(no log)";
      // NSD: "can't bind udp socket ...: Address already in use"; Knot: "cannot bind address
      // ... (address already in use)".
      if (text.toLowerCase(Locale.ROOT).contains("address already in use")) {
        throw new PortTaken(text);
      }
      throw new IllegalStateException(
          "the server exited with " + process.exitValue() + " on port " + port + ": " + text);
    }
  }

  private static String versionOf(Message answer) {
    List<Record> records = answer.getSection(Section.ANSWER);
    if (records.isEmpty() || !(records.get(0) instanceof TXTRecord txt)) {
      return "";
    }
    return String.join("", txt.getStrings());
  }

  int port() {
    return port;
  }

  /** SIGHUP, as an operator reloads NSD after editing a zone file. */
  void hangUp() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -HUP " + process.pid() + " failed");
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop(process);
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
