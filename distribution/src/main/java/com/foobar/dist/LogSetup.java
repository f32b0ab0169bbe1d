package com.foobar.dist;

import com.foobar.dist.stack.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the log files before the first logger exists (Logback configures itself once, on first
 * use). {@code foobar run} of the whole stack uses {@code conf/logback.xml}, which gives each tier
 * its own file by logger; a process running one tier ({@code run --tier web}) uses {@code
 * conf/logback-tier.xml} and writes {@code logs/<tier>.log} (app instances {@code
 * logs/app-<port>.log}), so two processes never share a log file. The other commands ({@code
 * status}, {@code deploy}, {@code dns reload}, …) log to {@code logs/cli.log}, away from the files
 * of the running tiers.
 */
final class LogSetup {
  static final String LOG_NAME = "foobar.log.name";
  private static final String CONFIG = "logback.configurationFile";

  private LogSetup() {}

  static void beforeLogging(String[] args) {
    String name = tierLogName(List.of(args));
    if (name == null) {
      return;
    }
    System.setProperty(LOG_NAME, name);
    String config = System.getProperty(CONFIG);
    if (config != null && config.endsWith("logback.xml")) {
      Path perTier = Path.of(config).resolveSibling("logback-tier.xml");
      if (Files.isReadable(perTier)) {
        System.setProperty(CONFIG, perTier.toString());
      }
    }
  }

  /** {@code web}, {@code app-8081}, {@code cli}, …; null when they run the whole stack. */
  static String tierLogName(List<String> args) {
    if (args.isEmpty() || !args.get(0).equals("run")) {
      return "cli";
    }
    String tier = option(args, "--tier");
    if (tier == null || tier.equalsIgnoreCase("all")) {
      return null;
    }
    Tier chosen;
    try {
      chosen = Tier.valueOf(tier.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null; // picocli will reject it with a proper message
    }
    String port = option(args, "--port");
    return chosen == Tier.APP && port != null && port.matches("\\d{1,5}")
        ? chosen.processName(Integer.parseInt(port))
        : chosen.label();
  }

  private static String option(List<String> args, String name) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals(name) && i + 1 < args.size()) {
        return args.get(i + 1);
      }
      if (arg.startsWith(name + "=")) {
        return arg.substring(name.length() + 1);
      }
    }
    return null;
  }
}
