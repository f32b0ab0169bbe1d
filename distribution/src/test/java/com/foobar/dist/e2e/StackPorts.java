package com.foobar.dist.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Free loopback ports for every listener of one test stack, and the {@code --set} arguments that
 * put the stack on them, so tests never collide with each other or with a stack already running.
 */
record StackPorts(
    int web, int https, int admin, int dns, int dnsMetrics, int appA, int appB, int db) {

  static StackPorts free() throws IOException {
    return new StackPorts(
        FreePorts.next(),
        FreePorts.next(),
        FreePorts.next(),
        FreePorts.next(),
        FreePorts.next(),
        FreePorts.next(),
        FreePorts.next(),
        FreePorts.next());
  }

  /** The {@code --set} arguments, followed by {@code extra} key=value pairs. */
  List<String> settings(String... extra) {
    List<String> settings = new ArrayList<>();
    for (String pair :
        List.of(
            "web.bind=127.0.0.1",
            "web.http.port=" + web,
            "web.https.port=" + https,
            "web.admin=127.0.0.1:" + admin,
            "dns.bind=127.0.0.1",
            "dns.port=" + dns,
            "dns.metrics=127.0.0.1:" + dnsMetrics,
            "app.ports=" + appA + "," + appB,
            "db.embedded.port=" + db)) {
      settings.add("--set");
      settings.add(pair);
    }
    for (String pair : extra) {
      settings.add("--set");
      settings.add(pair);
    }
    return settings;
  }
}
