package com.foobar.app.webapp;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of the server's class path a hosted web application must not see: every entry but the few
 * that hold what a container shares with its applications. Derived from the class path itself
 * rather than listed by package, so a library the stack adds later is hidden without anyone
 * remembering to list it.
 */
final class ServerClassPath {
  /**
   * What an application shares with the server, each for its reason; everything else on the class
   * path (Jackson, HikariCP, Flyway, the driver, Micrometer, SLF4J, Logback, Jetty, com.foobar) is
   * the stack's own business.
   */
  private static final List<Class<?>> SHARED =
      List.of(
          // the Servlet API the application is written against
          jakarta.servlet.Servlet.class,
          // @Resource and @PostConstruct: the container injects by the annotation class it knows,
          // so the application must see that very class
          jakarta.annotation.Resource.class,
          // Jetty's JNDI (its jndi.properties is what makes java:comp/env resolve inside the
          // application; Jetty exposes these classes to every application by name anyway)
          org.eclipse.jetty.jndi.InitialContextFactory.class);

  private ServerClassPath() {}

  /**
   * Jetty ClassMatcher location patterns ({@code file:///…/x.jar}, {@code file:///…/classes/}) for
   * every entry of this JVM's class path except the shared ones.
   */
  static List<String> hiddenLocations() {
    Set<Path> shared = SHARED.stream().map(ServerClassPath::locationOf).collect(Collectors.toSet());
    return hiddenLocations(System.getProperty("java.class.path", ""), File.pathSeparator, shared);
  }

  /** The same for a given class path, separator and shared locations. */
  static List<String> hiddenLocations(String classPath, String separator, Set<Path> shared) {
    Set<Path> keep = shared.stream().map(ServerClassPath::real).collect(Collectors.toSet());
    return Arrays.stream(classPath.split(separator))
        .filter(entry -> !entry.isBlank())
        .map(entry -> real(Path.of(entry)))
        .filter(Files::exists) // the launcher tolerates missing entries, Jetty's matcher does not
        .filter(entry -> !keep.contains(entry))
        .distinct()
        .map(entry -> entry.toUri().toString())
        .toList();
  }

  private static Path locationOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    try {
      if (source != null) {
        return Path.of(source.getLocation().toURI());
      }
    } catch (URISyntaxException | IllegalArgumentException e) {
      // not a file: named below
    }
    throw new IllegalStateException(
        "app: " + type.getName() + " is not loaded from a file on the class path: " + source);
  }

  /** One spelling per file, so a symlinked or relative entry still matches its shared location. */
  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
