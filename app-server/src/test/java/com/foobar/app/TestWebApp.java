package com.foobar.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * A small Jakarta Servlet web application built in the test set-up, so no binary is checked in:
 * servlet sources compiled against the Servlet API (and the Jakarta annotations, for
 * {@code @Resource}) into {@code WEB-INF/classes}, a {@code WEB-INF/web.xml}, then an exploded
 * directory or a {@code .war}.
 */
public final class TestWebApp {
  /** The stanza an application needs for the instance's pool. */
  public static final String DATA_SOURCE_REF =
      """
        <resource-ref>
          <res-ref-name>jdbc/foobar</res-ref-name>
          <res-type>javax.sql.DataSource</res-type>
        </resource-ref>
      """;

  private final List<JavaFileObject> sources = new ArrayList<>();
  private final Map<String, String> files = new LinkedHashMap<>();
  private String webXml = webXml("");

  /** Adds the class {@code name} (its binary name, like {@code test.VersionServlet}). */
  public TestWebApp source(String name, String code) {
    sources.add(
        new SimpleJavaFileObject(
            URI.create("string:///" + name.replace('.', '/') + ".java"),
            JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
          }
        });
    return this;
  }

  /** Adds a file at {@code path} in the application, e.g. a migration under WEB-INF/classes. */
  public TestWebApp file(String path, String text) {
    files.put(path, text);
    return this;
  }

  /** The whole {@code web.xml}, for one that is broken on purpose. */
  public TestWebApp webXmlText(String text) {
    webXml = text;
    return this;
  }

  /** A Servlet 6 {@code web.xml} with {@code body} inside {@code <web-app>}. */
  public TestWebApp webXmlBody(String body) {
    return webXmlText(webXml(body));
  }

  /** The application as an exploded directory {@code dir}. */
  public Path exploded(Path dir) throws IOException {
    Path classes = Files.createDirectories(dir.resolve("WEB-INF/classes"));
    compile(classes);
    Files.writeString(dir.resolve("WEB-INF/web.xml"), webXml);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = dir.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
    return dir;
  }

  /** The application packed as the {@code .war} {@code file} (built beside it first). */
  public Path war(Path file) throws IOException {
    Path dir = exploded(Files.createTempDirectory(file.getParent(), "exploded-"));
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out);
        Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted().toList()) {
        String name = dir.relativize(path).toString().replace('\\', '/');
        if (name.isEmpty()) {
          continue;
        }
        if (Files.isDirectory(path)) {
          jar.putNextEntry(new JarEntry(name + "/"));
        } else {
          jar.putNextEntry(new JarEntry(name));
          Files.copy(path, jar);
        }
        jar.closeEntry();
      }
    }
    return file;
  }

  private void compile(Path classes) {
    if (sources.isEmpty()) {
      return; // a web.xml-only application
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    String classPath =
        locationOf(jakarta.servlet.Servlet.class)
            + java.io.File.pathSeparator
            + locationOf(jakarta.annotation.Resource.class);
    List<String> options =
        List.of("--release", "17", "-classpath", classPath, "-d", classes.toString());
    if (!compiler.getTask(errors, null, null, options, null, sources).call()) {
      throw new IllegalStateException("the test web application does not compile:\n" + errors);
    }
  }

  private static String locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String webXml(String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                 version="6.0">
        %s
        </web-app>
        """
        .formatted(body);
  }
}
