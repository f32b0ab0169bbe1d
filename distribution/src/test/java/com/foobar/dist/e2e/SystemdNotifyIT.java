package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A tier under a {@code Type=notify} unit tells systemd READY=1 once it listens and STOPPING=1 when
 * it drains. systemd's notify socket is a Unix datagram socket, which the JDK cannot open; a small
 * Python listener stands in for systemd and records what arrives.
 */
@ResourceLock(PackageLock.NAME)
class SystemdNotifyIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @TempDir Path work;

  @Test
  void tellsSystemdWhenTheTierIsReadyAndWhenItStops() throws Exception {
    assumeTrue(
        Files.isExecutable(PYTHON), "python3 is not installed (apt-get install python3): skipped");
    Path socket = work.resolve("notify.sock");
    Path received = work.resolve("received.txt");
    Process systemd =
        new ProcessBuilder(
                PYTHON.toString(),
                "-c",
                "import socket,sys\n"
                    + "s=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\n"
                    + "s.bind(sys.argv[1])\n"
                    + "s.settimeout(120)\n"
                    + "with open(sys.argv[2],'a') as f:\n"
                    + "  while True:\n"
                    + "    m=s.recv(4096).decode()\n"
                    + "    f.write(m.replace('\\n',' ')+'\\n'); f.flush()\n"
                    + "    if 'STOPPING=1' in m: break\n",
                socket.toString(),
                received.toString())
            .redirectErrorStream(true)
            .start();
    try {
      Await.until(
          "the stand-in's socket " + socket, Duration.ofSeconds(30), () -> Files.exists(socket));

      ProcessBuilder tier =
          new ProcessBuilder(
                  DIST.resolve("bin/foobar").toString(),
                  "run",
                  "--tier",
                  "dns",
                  "--set",
                  "dns.bind=127.0.0.1",
                  "--set",
                  "dns.port=" + FreePorts.next(),
                  "--set",
                  "dns.metrics=")
              .redirectOutput(work.resolve("dns.out").toFile())
              .redirectErrorStream(true);
      tier.environment().put("NOTIFY_SOCKET", socket.toString());
      Process dns = tier.start();
      try {
        awaitLine(received, "READY=1 STATUS=dns up in ", Duration.ofSeconds(60), work);
        dns.destroy();
        assertThat(dns.waitFor(60, TimeUnit.SECONDS)).isTrue();
        awaitLine(received, "STOPPING=1", Duration.ofSeconds(10), work);
      } finally {
        dns.destroyForcibly();
      }
    } finally {
      systemd.destroyForcibly();
    }
  }

  private static void awaitLine(Path file, String prefix, Duration timeout, Path work)
      throws Exception {
    try {
      Await.until(
          "'" + prefix + "' received",
          timeout,
          () ->
              Files.exists(file)
                  && Files.readAllLines(file).stream().anyMatch(l -> l.startsWith(prefix)));
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "; received: "
              + (Files.exists(file) ? Files.readString(file) : "nothing")
              + "\ntier output:\n"
              + Files.readString(work.resolve("dns.out")),
          e);
    }
  }
}
