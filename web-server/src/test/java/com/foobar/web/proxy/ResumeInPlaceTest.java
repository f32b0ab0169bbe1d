package com.foobar.web.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.web.Await;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.io.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResumeInPlaceTest {
  private final ResumeInPlace pool = new ResumeInPlace(8, 2, 60_000);
  private final List<String> ranOn = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    pool.start();
  }

  @AfterEach
  void stop() throws Exception {
    pool.stop();
  }

  /** A connection's resumption, as Jetty submits one: a Runnable that is a Connection. */
  private Runnable connection(String name) {
    return (Runnable)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class, Runnable.class},
            (self, method, args) -> {
              if (method.getName().equals("run")) {
                ranOn.add(name + " on " + Thread.currentThread().getName());
              }
              return null;
            });
  }

  @Test
  void runsTheFirstConnectionSubmittedWhileAProxiedResponseCompletesInPlace() throws Exception {
    String here = Thread.currentThread().getName();
    ResumeInPlace.completing();
    try {
      pool.execute(() -> ranOn.add("a task on " + Thread.currentThread().getName()));
      pool.execute(connection("first"));
      pool.execute(connection("second"));
    } finally {
      ResumeInPlace.completed();
    }
    Await.until(() -> ranOn.size() == 3);
    assertThat(ranOn).contains("first on " + here);
    assertThat(ranOn)
        .filteredOn(line -> !line.startsWith("first"))
        .noneMatch(line -> line.endsWith(" on " + here));
  }

  @Test
  void sendsEverythingToThePoolOtherwise() throws Exception {
    String here = Thread.currentThread().getName();
    pool.execute(connection("outside"));
    Await.until(() -> ranOn.size() == 1);
    assertThat(ranOn.get(0)).startsWith("outside on ").doesNotEndWith(" on " + here);
  }
}
