package com.foobar.dist.stack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tiers started so far, stopped in reverse order: the DNS and web tiers stop taking requests
 * before the app instances drain, and the database goes last.
 */
public final class Stack implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Stack.class);

  private record Started(String name, AutoCloseable tier) {}

  private final Deque<Started> started = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Registers a tier to stop; register right after constructing so a failed start stops it. */
  public synchronized <T extends AutoCloseable> T add(String name, T tier) {
    started.push(new Started(name, tier));
    return tier;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Started next;
    while ((next = pop()) != null) {
      long begin = System.nanoTime();
      try {
        next.tier().close();
        log.info("{} stopped in {} ms", next.name(), (System.nanoTime() - begin) / 1_000_000);
      } catch (Exception e) {
        // Keep going: one tier failing to stop must not keep the others (the database) up.
        log.warn("{} did not stop cleanly", next.name(), e);
      }
    }
  }

  private synchronized Started pop() {
    return started.poll();
  }
}
