package com.foobar.app.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class HostedWebAppTest {

  @Test
  void describesEachExceptionOfTheChainByTypeAndMessage() {
    ServletException failure =
        new ServletException("no pricing table", new SQLException("Table 'prices' doesn't exist"));
    assertThat(HostedWebApp.describe(failure))
        .isEqualTo(
            "ServletException: no pricing table, caused by SQLException: Table 'prices' doesn't"
                + " exist");
  }

  @Test
  void skipsAWrapperThatOnlyRepeatsItsCause() {
    RuntimeException wrapped = new RuntimeException(new IOException("disk full"));
    assertThat(HostedWebApp.describe(wrapped)).isEqualTo("IOException: disk full");
  }

  @Test
  void namesTheTypeOfAnExceptionWithoutMessage() {
    assertThat(HostedWebApp.describe(new IllegalStateException()))
        .isEqualTo("IllegalStateException");
  }
}
