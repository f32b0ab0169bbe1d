package com.foobar.dist.control;

import com.foobar.dist.stack.Tier;
import com.foobar.dist.stack.TierConfigs;
import java.util.ArrayList;
import java.util.List;

/**
 * One tier process of the stack as {@code foobar start} runs it, and as the systemd units do.
 *
 * @param tier which tier it runs ({@link Tier#ALL} for the one-process stack of {@code foobar run})
 * @param appPort the instance's port for an app process, else 0
 */
record TierProcess(Tier tier, int appPort) {

  /** The one-process stack, {@code foobar run}. */
  static final TierProcess WHOLE_STACK = new TierProcess(Tier.ALL, 0);

  /** The processes in start order: the database (when embedded), each app instance, web, DNS. */
  static List<TierProcess> layout(TierConfigs tiers) {
    List<TierProcess> processes = new ArrayList<>();
    if (tiers.runsEmbeddedDatabase()) {
      processes.add(new TierProcess(Tier.DB, 0));
    }
    for (int port : tiers.appPorts()) {
      processes.add(app(port));
    }
    processes.add(new TierProcess(Tier.WEB, 0));
    processes.add(new TierProcess(Tier.DNS, 0));
    return processes;
  }

  static TierProcess app(int port) {
    return new TierProcess(Tier.APP, port);
  }

  /** Of its pid file var/run/NAME.pid and its log: {@code db}, {@code app-8081}, {@code web}. */
  String name() {
    return tier.processName(appPort);
  }

  /** What follows {@code bin/foobar}. */
  List<String> arguments() {
    return switch (tier) {
      case ALL -> List.of("run");
      case APP -> List.of("run", "--tier", "app", "--port", Integer.toString(appPort));
      default -> List.of("run", "--tier", tier.label());
    };
  }

  /** The systemd unit that runs this process under systemd. */
  String unit() {
    return tier == Tier.APP
        ? "foobar-app@" + appPort + ".service"
        : "foobar-" + name() + ".service";
  }
}
