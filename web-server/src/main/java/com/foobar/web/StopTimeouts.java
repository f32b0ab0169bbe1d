package com.foobar.web;

import java.time.Duration;

/**
 * How a stop treats what is open.
 *
 * @param drain how long in-flight requests have to finish before the stop closes them anyway
 * @param idleClose how long a connection may stay idle once the stop has begun (Jetty's shutdown
 *     idle timeout; one idle longer already is closed at once, as nginx closes idle keep-alive
 *     connections on a graceful stop)
 */
record StopTimeouts(Duration drain, Duration idleClose) {
  static final StopTimeouts DEFAULT =
      new StopTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1));
}
