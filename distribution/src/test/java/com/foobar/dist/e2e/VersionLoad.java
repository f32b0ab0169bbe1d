package com.foobar.dist.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients asking the deployed application's version through the web tier while releases change:
 * GETs, and POSTs with an Idempotency-Key (the web tier may retry those), each answer recorded.
 * Bounded: it stops after {@link #LIMIT} whatever happens.
 */
final class VersionLoad implements AutoCloseable {
  private static final Duration LIMIT = Duration.ofSeconds(180);
  private static final Duration THINK = Duration.ofMillis(40);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI version;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<String> answers = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final List<Thread> clients = new ArrayList<>();
  private final long endNanos = System.nanoTime() + LIMIT.toNanos();

  VersionLoad(URI web, int clientCount) {
    this.version = web.resolve("/api/version");
    for (int i = 0; i < clientCount; i++) {
      Thread client = new Thread(this::ask, "version-load-" + i);
      client.setDaemon(true);
      client.start();
      clients.add(client);
    }
  }

  private void ask() {
    boolean post = false;
    while (running.get() && System.nanoTime() < endNanos) {
      HttpRequest.Builder request = HttpRequest.newBuilder(version).timeout(Duration.ofSeconds(30));
      if (post) {
        request.header("Idempotency-Key", UUID.randomUUID().toString());
        request.POST(HttpRequest.BodyPublishers.noBody());
      }
      post = !post;
      try {
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          answers.add(response.body());
        } else {
          failures.add(response.statusCode() + " " + response.body());
        }
      } catch (Exception e) {
        failures.add(e.toString());
      }
      pause();
    }
  }

  /**
   * A client's think time: a few hundred requests a second in all cross every switch many times
   * over, and leave the cores to the instances starting, as a flat-out loop would not.
   */
  private void pause() {
    try {
      Thread.sleep(THINK.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  /** Waits until {@code count} more answers or failures came (the load goes on meanwhile). */
  void awaitMore(int count) throws Exception {
    int target = answers.size() + failures.size() + count;
    Await.until(
        count + " more version requests",
        Duration.ofSeconds(60),
        () -> answers.size() + failures.size() >= target);
  }

  List<String> answers() {
    return List.copyOf(answers);
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  /** The answers after the first {@code mark} (a size of {@link #answers()} taken earlier). */
  List<String> answersSince(int mark) {
    List<String> all = answers();
    return all.subList(mark, all.size());
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread client : clients) {
      client.join(Duration.ofSeconds(60).toMillis());
    }
  }
}
