package com.foobar.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NSD (Debian's package) as the tests run it: in the foreground as this user, on 127.0.0.1, every
 * file it keeps in one work directory, no control socket; each test adds its server options and its
 * {@code zone:} clauses.
 */
final class TestNsd {
  static final Path NSD = Path.of("/usr/sbin/nsd");

  private TestNsd() {}

  /** Starts it and waits until it answers as itself (on a fresh port if one was taken). */
  static ReferenceServer start(Path work, List<String> serverOptions, List<String> zones)
      throws Exception {
    Path log = work.resolve("nsd.log");
    return ReferenceServer.start(
        port -> launch(work, port, log, serverOptions, zones), "NSD ", log);
  }

  private static Process launch(
      Path work, int port, Path log, List<String> serverOptions, List<String> zones)
      throws IOException {
    Files.deleteIfExists(log); // NSD appends; a retry must not read the last start's messages
    List<String> lines = new ArrayList<>();
    lines.add("server:");
    lines.add("  ip-address: 127.0.0.1");
    lines.add("  port: " + port);
    lines.add("  server-count: 1");
    lines.add("  username: \"\"");
    lines.add("  chroot: \"\"");
    lines.add("  database: \"\"");
    lines.add("  zonelistfile: \"" + work.resolve("zone.list") + "\"");
    lines.add("  xfrdfile: \"" + work.resolve("xfrd.state") + "\"");
    lines.add("  pidfile: \"" + work.resolve("nsd.pid") + "\"");
    lines.add("  logfile: \"" + log + "\"");
    serverOptions.forEach(option -> lines.add("  " + option));
    lines.add("remote-control:");
    lines.add("  control-enable: no");
    lines.addAll(zones);
    Path conf = work.resolve("nsd.conf");
    Files.writeString(conf, String.join("\n", lines) + "\n");
    return new ProcessBuilder(NSD.toString(), "-d", "-c", conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("nsd.out").toFile())
        .start();
  }
}
