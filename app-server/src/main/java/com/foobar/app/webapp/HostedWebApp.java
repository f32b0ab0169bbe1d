package com.foobar.app.webapp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.plus.jndi.Resource;
import org.eclipse.jetty.util.ClassMatcher;

/**
 * A user's Jakarta Servlet 6 web application (a {@code .war} or an exploded directory) at {@code /}
 * on Jetty's {@link WebAppContext}: {@code web.xml} and annotations both, the instance's pool in
 * JNDI as {@value #DATA_SOURCE_JNDI}, and the usual isolation (it sees the JDK, the Servlet API and
 * its own {@code WEB-INF/classes} and {@code WEB-INF/lib}, none of the stack's libraries).
 */
public final class HostedWebApp {
  /** The name an application declares in its {@code resource-ref}, under {@code java:comp/env}. */
  public static final String DATA_SOURCE_NAME = "jdbc/foobar";

  public static final String DATA_SOURCE_JNDI = "java:comp/env/" + DATA_SOURCE_NAME;

  private final Path location;
  private final WebAppContext context;
  private final Resource dataSourceBinding;

  /**
   * @throws IOException if there is no web application at {@code location}
   */
  public HostedWebApp(Path location, DataSource dataSource) throws IOException {
    if (!Files.isDirectory(location) && !Files.isRegularFile(location)) {
      throw new IOException("app: no web application at " + location + " (a .war or a directory)");
    }
    this.location = location;
    context = new WebAppContext();
    context.setContextPath("/");
    context.setWar(location.toAbsolutePath().toString());
    context.setDisplayName(location.getFileName().toString());
    // A servlet that fails in init, or a web.xml that does not parse, fails the server's start
    // rather than leaving an instance that answers 503 to everything (and looks started).
    context.setThrowUnavailableOnStartupException(true);
    context.addConfiguration(
        new EnvConfiguration(), new PlusConfiguration(), new AnnotationConfiguration());
    ClassMatcher stack = new ClassMatcher();
    ServerClassPath.hiddenLocations().forEach(stack::include);
    context.addHiddenClassMatcher(stack);
    try {
      // Scoped to this context: each instance in the JVM binds its own pool under the same name.
      dataSourceBinding = new Resource(context, DATA_SOURCE_NAME, dataSource);
    } catch (NamingException e) {
      throw new IOException("app: cannot bind the pool as " + DATA_SOURCE_JNDI + ": " + e, e);
    }
  }

  /** The handler to route {@code /} to. */
  public WebAppContext context() {
    return context;
  }

  /** Whether the application started and serves (not 503 for everything). */
  public boolean isAvailable() {
    return context.isStarted() && context.isAvailable();
  }

  /**
   * What to throw when the server's start failed because of this application: its name and the
   * failure's own message, so a deploy can report the start-up error.
   */
  public IllegalStateException startFailure(Throwable failure) {
    return new IllegalStateException(
        "app: the web application " + location + " failed to start: " + describe(failure), failure);
  }

  /**
   * Each exception of the chain, type and message ({@code ServletException: no table, caused by
   * SQLException: …}), skipping a wrapper whose message is only its cause's: the application's own
   * words, whatever Jetty or the application wrapped them in.
   */
  static String describe(Throwable failure) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = failure; t != null && parts.size() < 5; t = t.getCause()) {
      Throwable cause = t.getCause();
      if (cause != null && cause != t && String.valueOf(cause).equals(t.getMessage())) {
        continue;
      }
      parts.add(
          t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
      if (cause == t) {
        break;
      }
    }
    return String.join(", caused by ", parts);
  }

  /** Unbinds the pool from JNDI, once the context has stopped. */
  public void release() {
    dataSourceBinding.release();
  }
}
