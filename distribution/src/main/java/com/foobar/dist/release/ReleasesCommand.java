package com.foobar.dist.release;

import com.foobar.dist.ExitStatus;
import com.foobar.dist.Foobar;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code foobar releases}: the application's releases, oldest first, with the state of each
 * (current, previous, failed with its reason, retired).
 */
@Command(
    name = "releases",
    mixinStandardHelpOptions = true,
    description =
        "List the application's releases in var/releases: number, version, checksum,"
            + " when, state.")
public final class ReleasesCommand implements Callable<Integer> {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Override
  public Integer call() {
    Releases releases = Releases.of(Foobar.home());
    print(releases, System.out);
    return ExitStatus.OK;
  }

  static void print(Releases releases, PrintStream out) {
    List<Release> all = releases.list();
    if (all.isEmpty()) {
      out.println("no releases yet: the app tier runs the built-in store (foobar deploy FILE.war)");
      return;
    }
    String format = "%-7s %-20s %-16s %-14s %-20s %s%n";
    out.printf(format, "RELEASE", "APPLICATION", "VERSION", "SHA256", "CREATED", "STATE");
    for (Release release : all) {
      Release.State state = releases.state(release);
      String words = state.name().toLowerCase(java.util.Locale.ROOT);
      if (state == Release.State.FAILED) {
        // The reason may carry the instance's last log lines: one line here, all in N.failed.
        String reason =
            String.join(
                " | ",
                releases
                    .failure(release)
                    .orElse("")
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList());
        words += ": " + (reason.length() > 400 ? reason.substring(0, 400) + "…" : reason);
      }
      out.printf(
          format,
          release.number(),
          release.application(),
          release.version(),
          release.sha256().substring(0, Math.min(12, release.sha256().length())),
          WHEN.format(release.created()),
          words);
    }
  }
}
