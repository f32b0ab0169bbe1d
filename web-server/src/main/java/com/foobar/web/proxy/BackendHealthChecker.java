package com.foobar.web.proxy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls each backend's {@link #HEALTH_PATH} at a fixed interval: a 200 puts it in rotation, any
 * other answer (503 while it drains or its database is down), a refused connection or a timeout
 * takes it out. Like nginx's and HAProxy's active checks with rise = fall = 1, so a draining
 * instance leaves rotation within one interval and a restarted one is back within one.
 */
public final class BackendHealthChecker extends ContainerLifeCycle {
  /**
   * The app instance's own health, under the prefix an application it hosts cannot map (the app
   * tier's {@code StackEndpoints}): whatever paths the application takes, this one is the stack's.
   */
  public static final String HEALTH_PATH = "/_foobar/health";

  private static final Logger log = LoggerFactory.getLogger(BackendHealthChecker.class);

  private final BackendPool pool;
  private final Duration interval;
  private final HttpClient client = new HttpClient();
  private final ScheduledExecutorScheduler scheduler =
      new ScheduledExecutorScheduler("web-health-check", true);

  public BackendHealthChecker(BackendPool pool, Duration interval) {
    this.pool = pool;
    this.interval = interval;
    client.setConnectTimeout(Math.max(100, interval.toMillis()));
    client.setName("web-health-client");
    addBean(scheduler);
    addBean(client);
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    for (Backend backend : pool.backends()) {
      check(backend); // at once: a dead instance should not get the first requests
    }
  }

  private void check(Backend backend) {
    if (!isRunning() && !isStarting()) {
      return;
    }
    try {
      client
          .newRequest(backend.uri().resolve(HEALTH_PATH))
          .transport(backend.transport()) // the way the proxy reaches it
          .timeout(Math.max(100, interval.toMillis()), TimeUnit.MILLISECONDS)
          .send(
              new BufferingResponseListener(4096) {
                @Override
                public void onComplete(Result result) {
                  boolean up = result.isSucceeded() && result.getResponse().getStatus() == 200;
                  String body = result.isSucceeded() ? getContentAsString() : "";
                  backend.database(
                      body.contains("\"database\":\"up\"")
                          ? "up"
                          : body.contains("\"database\":\"down\"") ? "down" : "unknown");
                  record(backend, up, result);
                  schedule(backend);
                }
              });
    } catch (RuntimeException e) {
      record(backend, false, null);
      schedule(backend);
    }
  }

  private void schedule(Backend backend) {
    if (isRunning() || isStarting()) {
      try {
        scheduler.schedule(() -> check(backend), interval.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        // stopped between the check and now: nothing more to do
      }
    }
  }

  private static void record(Backend backend, boolean up, org.eclipse.jetty.client.Result result) {
    if (backend.healthy() != up) {
      log.info(
          "web: backend {} is {}{}",
          backend.name(),
          up ? "back in rotation" : "out of rotation",
          up || result == null
              ? ""
              : result.isFailed()
                  ? " (" + result.getFailure() + ")"
                  : " (health " + result.getResponse().getStatus() + ")");
    }
    backend.markHealthy(up);
  }
}
