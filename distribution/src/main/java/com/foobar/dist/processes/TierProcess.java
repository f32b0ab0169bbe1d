package com.foobar.dist.processes;

import static com.foobar.dist.config.ConfigKeys.APP_PORTS;
import static com.foobar.dist.config.ConfigKeys.DB_URL;

import com.foobar.dist.config.FoobarConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * One tier process of the stack as {@code foobar start} runs it, and as the systemd units do: its
 * name (of its pid file var/run/NAME.pid and its log) and the {@code foobar run} arguments.
 *
 * @param name {@code db}, {@code app-8081}, {@code web}, {@code dns}
 * @param arguments what follows {@code bin/foobar}
 * @param appPort the instance's port for an app process, else 0
 */
record TierProcess(String name, List<String> arguments, int appPort) {

  /** The processes in start order: the database (when embedded), each app instance, web, DNS. */
  static List<TierProcess> layout(FoobarConfig config) {
    List<TierProcess> processes = new ArrayList<>();
    if (config.text(DB_URL).isEmpty()) {
      processes.add(tier("db"));
    }
    for (int port : config.integers(APP_PORTS)) {
      processes.add(app(port));
    }
    processes.add(tier("web"));
    processes.add(tier("dns"));
    return processes;
  }

  static TierProcess app(int port) {
    return new TierProcess(
        "app-" + port, List.of("run", "--tier", "app", "--port", Integer.toString(port)), port);
  }

  private static TierProcess tier(String tier) {
    return new TierProcess(tier, List.of("run", "--tier", tier), 0);
  }

  /** The systemd unit that runs this process under systemd. */
  String unit() {
    return appPort == 0 ? "foobar-" + name + ".service" : "foobar-app@" + appPort + ".service";
  }
}
