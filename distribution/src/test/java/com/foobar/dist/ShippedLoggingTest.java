package com.foobar.dist;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped Logback files load without a single error, and write where they say. */
class ShippedLoggingTest {
  @TempDir Path home;

  @ParameterizedTest
  @ValueSource(strings = {"logback.xml", "logback-tier.xml"})
  void loadsWithoutErrors(String file) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // the patterns print %X{requestId}
    context.putProperty("foobar.home", home.toString());
    context.putProperty(LogSetup.LOG_NAME, "app-8081");
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(Path.of("src/main/dist/conf", file).toFile());
    context.start();

    List<Status> problems =
        context.getStatusManager().getCopyOfStatusList().stream()
            .filter(s -> s.getLevel() >= Status.WARN)
            .toList();
    assertThat(problems).isEmpty();
    context.getLogger("com.foobar.app.AppServer").info("hello");
    context.stop();
    String expected = file.equals("logback.xml") ? "app.log" : "app-8081.log";
    assertThat(home.resolve("logs").resolve(expected)).content().contains("hello");
  }
}
