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
 * JNDI DataSource ({@code 2.0 products=4}), built with the JDK's compiler in the test set-up.
 */
final class VersionApps {
  private VersionApps() {}

  /** {@code hello-VERSION.war} in {@code dir}; {@code broken}: its servlet throws in init. */
  static Path war(Path dir, String version, boolean broken) throws IOException {
    String init =
        broken
            ? "throw new jakarta.servlet.ServletException(\"release "
                + version
                + " cannot start\");"
            : "try { db = (javax.sql.DataSource) new javax.naming.InitialContext()"
                + ".lookup(\"java:comp/env/jdbc/foobar\"); }"
                + " catch (javax.naming.NamingException e) {"
                + " throw new jakarta.servlet.ServletException(e); }";
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
            int products;
            try (java.sql.Connection c = db.getConnection();
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM products")) {
              r.next();
              products = r.getInt(1);
            } catch (java.sql.SQLException e) {
              response.sendError(503);
              return;
            }
            response.setContentType("text/plain");
            response.getWriter().print("VERSION products=" + products);
          }

          @Override
          protected void doPost(HttpServletRequest request, HttpServletResponse response)
              throws java.io.IOException {
            doGet(request, response);
          }
        }
        """
            .replace("INIT", init)
            .replace("VERSION", version);
    return new TestWebApp()
        .source("test.VersionServlet", servlet)
        .webXmlBody(
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
        .war(dir.resolve("hello-" + version + ".war"));
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
