package com.foobar.web;

/**
 * How many selector threads each side of the tier runs: the connectors clients reach, and the
 * proxy's client to the app instances. Jetty's default is half the cores, which is one on a
 * two-core server: one thread then parses every client request and another reads every instance's
 * response, and each became the queue (bench/web.sh, proxy, 7 alternating rounds: 21.3k req/s with
 * one per side, 25.9k with two, +22%, and less CPU per request).
 */
public final class SelectorThreads {
  private SelectorThreads() {}

  public static int perSide() {
    return Math.max(2, Runtime.getRuntime().availableProcessors() / 2);
  }
}
