package com.foobar.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.db.EmbeddedDatabaseFixture;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance hosting a user's web application (a .war built in the set-up) instead of the store:
 * web.xml and annotations, the pool through JNDI, class-loader isolation, and the stack's own
 * endpoints that the application cannot shadow.
 */
class WebAppHostingIT {
  @TempDir static Path work;
  private static AppServer app;
  private static ApiClient api;

  /** Servlets of the test application, each proving one thing about the container. */
  static final String VERSION =
      """
      package test;
      import jakarta.servlet.http.*;
      import java.io.IOException;
      public class VersionServlet extends HttpServlet {
        @Override protected void doGet(HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
          resp.setContentType("text/plain");
          resp.getWriter().print("v1");
        }
      }
      """;

  static final String ANNOTATED =
      """
      package test;
      import jakarta.servlet.annotation.WebServlet;
      import jakarta.servlet.http.*;
      import java.io.IOException;
      @WebServlet("/annotated")
      public class AnnotatedServlet extends HttpServlet {
        @Override protected void doGet(HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
          resp.getWriter().print("found by annotation");
        }
      }
      """;

  static final String LOOKED_UP_COUNT =
      """
      package test;
      import jakarta.servlet.ServletException;
      import jakarta.servlet.http.*;
      import java.io.IOException;
      import java.sql.*;
      import javax.naming.InitialContext;
      import javax.sql.DataSource;
      public class CountServlet extends HttpServlet {
        @Override protected void doGet(HttpServletRequest req, HttpServletResponse resp)
            throws IOException, ServletException {
          try {
            DataSource db = (DataSource) new InitialContext().lookup("java:comp/env/jdbc/foobar");
            try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM products")) {
              r.next();
              resp.getWriter().print(r.getLong(1));
            }
          } catch (Exception e) {
            throw new ServletException(e);
          }
        }
      }
      """;

  static final String INJECTED_COUNT =
      """
      package test;
      import jakarta.annotation.Resource;
      import jakarta.servlet.annotation.WebServlet;
      import jakarta.servlet.http.*;
      import java.io.IOException;
      import java.sql.*;
      import javax.sql.DataSource;
      @WebServlet("/injected")
      public class InjectedCountServlet extends HttpServlet {
        @Resource(name = "jdbc/foobar") private DataSource db;
        @Override protected void doGet(HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
          try (Connection c = db.getConnection();
              Statement s = c.createStatement();
              ResultSet r = s.executeQuery("SELECT COUNT(*) FROM products")) {
            r.next();
            resp.getWriter().print(r.getLong(1));
          } catch (SQLException e) {
            throw new IOException(e);
          }
        }
      }
      """;

  static final String VISIBILITY =
      """
      package test;
      import jakarta.servlet.http.*;
      import java.io.IOException;
      public class VisibilityServlet extends HttpServlet {
        @Override protected void doGet(HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
          for (String name : req.getParameter("classes").split(",")) {
            String seen;
            try {
              Class.forName(name);
              seen = "visible";
            } catch (ClassNotFoundException e) {
              seen = "hidden";
            }
            resp.getWriter().print(name + "=" + seen + "\\n");
          }
        }
      }
      """;

  static final String CATCH_ALL =
      """
      package test;
      import jakarta.servlet.http.*;
      import java.io.IOException;
      public class CatchAllServlet extends HttpServlet {
        @Override protected void service(HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
          resp.getWriter().print("app:" + req.getRequestURI());
        }
      }
      """;

  static final String WEB_XML =
      """
        <servlet><servlet-name>version</servlet-name><servlet-class>test.VersionServlet</servlet-class></servlet>
        <servlet-mapping><servlet-name>version</servlet-name><url-pattern>/version</url-pattern></servlet-mapping>
        <servlet><servlet-name>count</servlet-name><servlet-class>test.CountServlet</servlet-class></servlet>
        <servlet-mapping><servlet-name>count</servlet-name><url-pattern>/count</url-pattern></servlet-mapping>
        <servlet><servlet-name>visibility</servlet-name><servlet-class>test.VisibilityServlet</servlet-class></servlet>
        <servlet-mapping><servlet-name>visibility</servlet-name><url-pattern>/visibility</url-pattern></servlet-mapping>
        <servlet><servlet-name>all</servlet-name><servlet-class>test.CatchAllServlet</servlet-class></servlet>
        <servlet-mapping><servlet-name>all</servlet-name><url-pattern>/*</url-pattern></servlet-mapping>
      """
          + TestWebApp.DATA_SOURCE_REF;

  /** The test application: every servlet above. */
  static TestWebApp application() {
    return new TestWebApp()
        .source("test.VersionServlet", VERSION)
        .source("test.AnnotatedServlet", ANNOTATED)
        .source("test.CountServlet", LOOKED_UP_COUNT)
        .source("test.InjectedCountServlet", INJECTED_COUNT)
        .source("test.VisibilityServlet", VISIBILITY)
        .source("test.CatchAllServlet", CATCH_ALL)
        .webXmlBody(WEB_XML);
  }

  static AppConfig hosting(Path webApp) {
    return new AppConfig("127.0.0.1", 0, EmbeddedDatabaseFixture.appConnection(), 3)
        .withWebApp(webApp);
  }

  @BeforeAll
  static void start() throws Exception {
    EmbeddedDatabaseFixture.resetData();
    app =
        new AppServer(
            hosting(application().war(work.resolve("shop-1.0.war")))
                .withUnixSocket(work.resolve("var/run/app.sock")));
    app.start();
    api = new ApiClient(app.port());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void answersOnItsUnixSocketAsOnItsPort() throws Exception {
    try (SocketChannel local = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      local.connect(UnixDomainSocketAddress.of(work.resolve("var/run/app.sock")));
      local.write(
          StandardCharsets.US_ASCII.encode(
              "GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
      String answer = new String(Channels.newInputStream(local).readAllBytes(), UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nv1");
    }
  }

  @Test
  void servesAServletMappedInWebXml() throws Exception {
    HttpResponse<String> version = api.get("/version");
    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(version.body()).isEqualTo("v1");
  }

  @Test
  void servesAServletFoundByItsWebServletAnnotation() throws Exception {
    HttpResponse<String> annotated = api.get("/annotated");
    assertThat(annotated.statusCode()).isEqualTo(200);
    assertThat(annotated.body()).isEqualTo("found by annotation");
  }

  @Test
  void readsTheDatabaseThroughTheDataSourceLookedUpInJndi() throws Exception {
    HttpResponse<String> count = api.get("/count");
    assertThat(count.statusCode()).isEqualTo(200);
    assertThat(count.body()).isEqualTo(Long.toString(seededProducts())).isEqualTo("4");
  }

  @Test
  void injectsTheDataSourceIntoAResourceAnnotatedField() throws Exception {
    HttpResponse<String> count = api.get("/injected");
    assertThat(count.statusCode()).isEqualTo(200);
    assertThat(count.body()).isEqualTo(Long.toString(seededProducts()));
  }

  @Test
  void hidesTheStacksLibrariesAndShowsTheServletApiAndTheJdk() throws Exception {
    HttpResponse<String> seen =
        api.get(
            "/visibility?classes="
                + String.join(
                    ",",
                    "com.zaxxer.hikari.HikariDataSource",
                    "com.fasterxml.jackson.databind.ObjectMapper",
                    "com.foobar.app.AppServer",
                    "org.slf4j.Logger",
                    "org.flywaydb.core.Flyway",
                    "org.mariadb.jdbc.Driver",
                    "io.micrometer.core.instrument.MeterRegistry",
                    "ch.qos.logback.classic.Logger",
                    "org.eclipse.jetty.server.Server",
                    "jakarta.servlet.Servlet",
                    "javax.sql.DataSource"));
    assertThat(seen.statusCode()).isEqualTo(200);
    assertThat(seen.body())
        .isEqualTo(
            """
            com.zaxxer.hikari.HikariDataSource=hidden
            com.fasterxml.jackson.databind.ObjectMapper=hidden
            com.foobar.app.AppServer=hidden
            org.slf4j.Logger=hidden
            org.flywaydb.core.Flyway=hidden
            org.mariadb.jdbc.Driver=hidden
            io.micrometer.core.instrument.MeterRegistry=hidden
            ch.qos.logback.classic.Logger=hidden
            org.eclipse.jetty.server.Server=hidden
            jakarta.servlet.Servlet=visible
            javax.sql.DataSource=visible
            """);
  }

  @Test
  void theApplicationMappingEverythingDoesNotShadowTheStacksHealth() throws Exception {
    assertThat(api.get("/anything/else").body()).isEqualTo("app:/anything/else");
    HttpResponse<String> health = api.get("/_foobar/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("Content-Type"))
        .hasValue("application/json;charset=utf-8");
    assertThat(health.body())
        .isEqualTo("{\"status\":\"up\",\"database\":\"up\",\"application\":\"up\"}");
  }

  @Test
  void theApplicationMappingEverythingDoesNotShadowTheStacksMetrics() throws Exception {
    HttpResponse<String> metrics = api.get("/_foobar/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).containsPattern("hikaricp_connections_max\\{pool=\"app-\\d+\"} 3");
  }

  @Test
  void theStoresPathsBelongToTheApplication() throws Exception {
    assertThat(api.get("/metrics").body()).isEqualTo("app:/metrics");
    assertThat(api.get("/api/health").body()).isEqualTo("app:/api/health");
  }

  @Test
  void hostsAnExplodedDirectoryToo() throws Exception {
    Path dir = application().exploded(Files.createDirectory(work.resolve("shop-exploded")));
    try (AppServer exploded = new AppServer(hosting(dir))) {
      exploded.start();
      ApiClient client = new ApiClient(exploded.port());
      assertThat(client.get("/version").body()).isEqualTo("v1");
      assertThat(client.get("/annotated").body()).isEqualTo("found by annotation");
      assertThat(client.get("/count").body()).isEqualTo(Long.toString(seededProducts()));
      assertThat(client.get("/_foobar/health").statusCode()).isEqualTo(200);
    }
  }

  private static long seededProducts() throws Exception {
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        Statement sql = admin.createStatement();
        ResultSet row = sql.executeQuery("SELECT COUNT(*) FROM products")) {
      row.next();
      return row.getLong(1);
    }
  }
}
