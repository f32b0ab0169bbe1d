package com.foobar.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.db.EmbeddedDatabaseFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web application that cannot start fails the instance's start with the reason, and leaves
 * nothing behind: no listener, no pool. A deploy reports that message as the start-up error.
 */
class WebAppStartFailureIT {
  @TempDir Path work;

  static final String FAILING_INIT =
      """
      package test;
      import jakarta.servlet.ServletException;
      import jakarta.servlet.http.HttpServlet;
      public class FailingServlet extends HttpServlet {
        @Override public void init() throws ServletException {
          throw new ServletException("no pricing table configured");
        }
      }
      """;

  @Test
  void aServletThrowingInInitFailsTheStartNamingTheCauseAndFreesThePortAndThePool()
      throws Exception {
    Path war =
        new TestWebApp()
            .source("test.FailingServlet", FAILING_INIT)
            .webXmlBody(
                """
                  <servlet>
                    <servlet-name>failing</servlet-name>
                    <servlet-class>test.FailingServlet</servlet-class>
                    <load-on-startup>1</load-on-startup>
                  </servlet>
                """)
            .war(work.resolve("broken-3.war"));
    int port = freePort();
    AppServer app = new AppServer(hostingOn(port, war));

    assertThatThrownBy(app::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "app: the web application "
                + war
                + " failed to start: ServletException: no pricing table configured");

    new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1")).close(); // the port is free
    Await.until("the pool's connections are closed", () -> appUserConnections() == 0);
    app.close(); // still safe, and changes nothing
  }

  @Test
  void aWebXmlThatDoesNotParseFailsTheStartNamingTheApplication() throws Exception {
    Path war =
        new TestWebApp()
            .webXmlText("<web-app><servlet><servlet-name>x</servlet-name></web-app>")
            .war(work.resolve("garbled.war"));
    int port = freePort();
    AppServer app = new AppServer(hostingOn(port, war));

    assertThatThrownBy(app::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("app: the web application " + war + " failed to start: ")
        .hasMessageContaining("The element type \"servlet\" must be terminated");

    new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1")).close();
    Await.until("the pool's connections are closed", () -> appUserConnections() == 0);
  }

  @Test
  void aMissingApplicationIsAnIOExceptionNamingThePath() {
    Path nowhere = work.resolve("no-such.war");
    AppServer app = new AppServer(WebAppHostingIT.hosting(nowhere));
    assertThatThrownBy(app::start)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no web application at " + nowhere);
    app.close();
  }

  private static AppConfig hostingOn(int port, Path webApp) {
    return new AppConfig("127.0.0.1", port, EmbeddedDatabaseFixture.appConnection(), 2)
        .withWebApp(webApp);
  }

  /** A port nothing listens on, so the test can check it is free again after the failure. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static long appUserConnections() throws SQLException {
    try (Connection admin = EmbeddedDatabaseFixture.openAdmin();
        Statement sql = admin.createStatement();
        ResultSet row =
            sql.executeQuery(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE user = '"
                    + EmbeddedDatabaseFixture.APP_USER
                    + "'")) {
      row.next();
      return row.getLong(1);
    }
  }
}
