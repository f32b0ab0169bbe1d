package com.foobar.dist.e2e;

import com.foobar.app.TestWebApp;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The user's own web application, as the release tests deploy it instead of the built-in store: a
 * servlet at {@code /api/version} answering its version and a count read through the instance's
 * JNDI DataSource ({@code 2.0 greetings=3}) from its own table, made by its own Flyway migrations
 * from V1; built with the JDK's compiler in the test set-up.
 */
final class VersionApps {
  /** What a version is like. */
  enum Kind {
    /** 1.x: V1 makes the table; it counts its rows. */
    FIRST,
    /** 2.x: V2 adds a column, which it reads: it cannot answer on 1.x's schema. */
    WITH_COLUMN,
    /** 2.x's migrations and code, but its servlet throws in init. */
    THROWS_IN_INIT,
    /** 2.x's, plus a V3 that fails (a table that is not there). */
    FAILING_MIGRATION
  }

  private static final String V1 =
      "CREATE TABLE greetings (id INT PRIMARY KEY, text VARCHAR(40) NOT NULL);\n"
          + "INSERT INTO greetings VALUES (1, 'hello'), (2, 'hallo'), (3, 'hola');\n";
  private static final String V2 =
      "ALTER TABLE greetings ADD COLUMN language CHAR(2) NOT NULL DEFAULT 'en';\n";
  private static final String V3 = "ALTER TABLE no_such_table ADD COLUMN x INT;\n";

  private VersionApps() {}

  /** {@code APPLICATION-VERSION.war} in {@code dir}. */
  static Path war(Path dir, String application, String version, Kind kind) throws IOException {
    String init =
        kind == Kind.THROWS_IN_INIT
            ? "throw new jakarta.servlet.ServletException(\"release "
                + version
                + " cannot start\");"
            : "try { db = (javax.sql.DataSource) new javax.naming.InitialContext()"
                + ".lookup(\"java:comp/env/jdbc/foobar\"); }"
                + " catch (javax.naming.NamingException e) {"
                + " throw new jakarta.servlet.ServletException(e); }";
    String count =
        kind == Kind.FIRST
            ? "SELECT COUNT(*) FROM greetings"
            : "SELECT COUNT(*) FROM greetings WHERE language = 'en'";
    String servlet =
        """
        package test;

        import jakarta.servlet.http.HttpServlet;
        import jakarta.servlet.http.HttpServletRequest;
        import jakarta.servlet.http.HttpServletResponse;

        public class VersionServlet extends HttpServlet {
          private javax.sql.DataSource db;

          @Override
          public void init() throws jakarta.servlet.ServletException {
            INIT
          }

          @Override
          protected void doGet(HttpServletRequest request, HttpServletResponse response)
              throws java.io.IOException {
            int greetings;
            try (java.sql.Connection c = db.getConnection();
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("COUNT")) {
              r.next();
              greetings = r.getInt(1);
            } catch (java.sql.SQLException e) {
              response.sendError(503);
              return;
            }
            response.setContentType("text/plain");
            response.getWriter().print("VERSION greetings=" + greetings);
          }

          @Override
          protected void doPost(HttpServletRequest request, HttpServletResponse response)
              throws java.io.IOException {
            doGet(request, response);
          }
        }
        """
            .replace("INIT", init)
            .replace("COUNT", count)
            .replace("VERSION", version);
    TestWebApp app =
        new TestWebApp()
            .source("test.VersionServlet", servlet)
            .file("WEB-INF/classes/db/migration/V1__greetings.sql", V1);
    if (kind != Kind.FIRST) {
      app.file("WEB-INF/classes/db/migration/V2__greeting_language.sql", V2);
    }
    if (kind == Kind.FAILING_MIGRATION) {
      app.file("WEB-INF/classes/db/migration/V3__broken.sql", V3);
    }
    return app.webXmlBody(
            """
              <servlet>
                <servlet-name>version</servlet-name>
                <servlet-class>test.VersionServlet</servlet-class>
                <load-on-startup>1</load-on-startup>
              </servlet>
              <servlet-mapping>
                <servlet-name>version</servlet-name>
                <url-pattern>/api/version</url-pattern>
              </servlet-mapping>
            """
                + TestWebApp.DATA_SOURCE_REF)
        .war(dir.resolve(application + "-" + version + ".war"));
  }

  /** A .war with an entry that would be written outside the release directory. */
  static Path zipSlip(Path dir) throws IOException {
    Path war = dir.resolve("slip.war");
    try (OutputStream file = Files.newOutputStream(war);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      for (String name : new String[] {"WEB-INF/web.xml", "WEB-INF/../../../evil.sh"}) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write("x".getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return war;
  }
}
