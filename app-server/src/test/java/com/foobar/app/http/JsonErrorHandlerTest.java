package com.foobar.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.http.ApiException;
import com.foobar.http.ApiServlet;
import com.foobar.http.Json;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

class JsonErrorHandlerTest {

  @Test
  void answersAnUnparsableRequestInTheApiShapeWithoutJettysWording() {
    HttpFields.Mutable headers = HttpFields.build();
    byte[] body =
        new JsonErrorHandler(new Json())
            .badMessageError(400, "Illegal character SPACE=' '", headers)
            .array();

    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"error\":{\"code\":\"bad_request\",\"message\":\"the request is malformed\","
                + "\"field\":null}}");
    assertThat(headers.get("Content-Type")).isEqualTo("application/json;charset=utf-8");
  }

  @Test
  void namesTheStatusesJettyAnswersItself() {
    assertThat(ApiException.forStatus(431).body().error().code()).isEqualTo("headers_too_large");
    assertThat(ApiException.forStatus(414).body().error().code()).isEqualTo("uri_too_long");
    assertThat(ApiException.forStatus(500).body().error().message())
        .isEqualTo("internal server error");
  }

  @Test
  void countsPoolTimeoutsAndBrokenLinksAsUnavailableButNotBadSql() {
    assertThat(ApiServlet.isUnavailable(new SQLTransientConnectionException("timeout"))).isTrue();
    assertThat(ApiServlet.isUnavailable(new SQLException("gone", "08S01"))).isTrue();
    assertThat(ApiServlet.isUnavailable(new SQLException("syntax", "42000"))).isFalse();
  }
}
