package com.foobar.web.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.foobar.web.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How lines reach the logger: in batches, by size and by time, and all of them at a stop. */
class AccessLogTest {
  private static final AccessLog.LineFormat<String, Void> AS_GIVEN =
      (out, line, unused) -> out.value(line).literal('\n');

  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("access");
  private final Events events = new Events();

  AccessLogTest() {
    logger.setLevel(Level.INFO);
    events.setContext(context);
    events.start();
    logger.addAppender(events);
  }

  @AfterEach
  void stopLogging() {
    context.stop();
  }

  @Test
  void writesNothingPerRequest() throws Exception {
    AccessLog log = new AccessLog(logger, 64 * 1024, Duration.ofHours(1));
    log.start();
    log.log("GET /one", null, AS_GIVEN);
    log.log("GET /two", null, AS_GIVEN);
    assertThat(events.batches).as("no event per request").isEmpty();
    log.stop();
    assertThat(events.batches).containsExactly("GET /one\nGET /two");
  }

  @Test
  void writesTheBufferedLinesWithinTheFlushIntervalWithoutMoreTraffic() throws Exception {
    AccessLog log = new AccessLog(logger, 64 * 1024, Duration.ofMillis(200));
    log.start();
    log.log("GET /one", null, AS_GIVEN);
    log.log("GET /two", null, AS_GIVEN);
    Await.until(() -> events.lines().size() == 2); // in one batch or two, by the timer alone
    assertThat(events.lines()).containsExactly("GET /one", "GET /two");
    log.stop();
  }

  @Test
  void writesAFullBufferAtOnceFromTheThreadThatFilledIt() throws Exception {
    AccessLog log = new AccessLog(logger, 100, Duration.ofHours(1));
    log.start();
    String line = "x".repeat(60);
    log.log(line, null, AS_GIVEN);
    assertThat(events.batches).isEmpty();
    log.log(line, null, AS_GIVEN); // 122 bytes now, over 100
    assertThat(events.batches).containsExactly(line + "\n" + line);
    assertThat(events.threads).containsExactly(Thread.currentThread().getName());
    log.stop();
  }

  @Test
  void losesNoLineOfManyThreadsAtAStopAndWritesLaterLinesAtOnce() throws Exception {
    AccessLog log = new AccessLog(logger, 4096, Duration.ofHours(1));
    log.start();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  log.log("thread " + thread + " line " + i, null, AS_GIVEN);
                }
              });
      writer.start();
      threads.add(writer);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    log.stop();
    assertThat(events.lines()).hasSize(8000).doesNotHaveDuplicates();

    log.log("after the stop", null, AS_GIVEN);
    assertThat(events.lines()).hasSize(8001).endsWith("after the stop");
  }

  @Test
  void dropsALineThatFailsHalfWrittenAndKeepsTheOthers() throws Exception {
    AccessLog log = new AccessLog(logger, 64 * 1024, Duration.ofHours(1));
    log.start();
    log.log("kept", null, AS_GIVEN);
    log.log(
        "broken",
        null,
        (out, line, unused) -> {
          out.value(line);
          throw new IllegalStateException("a header went away");
        });
    log.log("kept too", null, AS_GIVEN);
    log.stop();
    assertThat(events.lines()).containsExactly("kept", "kept too");
  }

  @Test
  void formatsNothingWhileTheLoggerIsOff() throws Exception {
    logger.setLevel(Level.OFF);
    AccessLog log = new AccessLog(logger, 64 * 1024, Duration.ofHours(1));
    log.start();
    log.log(
        "never",
        null,
        (out, line, unused) -> {
          throw new AssertionError("formatted with the logger off");
        });
    log.stop();
    assertThat(events.batches).isEmpty();
  }

  private static final class Events extends AppenderBase<ILoggingEvent> {
    final List<String> batches = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      batches.add(event.getFormattedMessage());
      threads.add(event.getThreadName());
    }

    List<String> lines() {
      return batches.stream().flatMap(batch -> batch.lines()).toList();
    }
  }
}
