package com.foobar.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.http.HealthServlet.Health;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HealthTest {
  private final Json json = new Json();

  @Test
  void theStoresAnswerHasNoApplicationField() {
    assertThat(body(Health.of(false, true, null)))
        .isEqualTo("{\"status\":\"up\",\"database\":\"up\"}");
    assertThat(body(Health.of(false, false, null)))
        .isEqualTo("{\"status\":\"down\",\"database\":\"down\"}");
  }

  @Test
  void aHostedApplicationThatIsNotAvailableIsDown() {
    assertThat(body(Health.of(false, true, false)))
        .isEqualTo("{\"status\":\"down\",\"database\":\"up\",\"application\":\"down\"}");
    assertThat(body(Health.of(false, true, true)))
        .isEqualTo("{\"status\":\"up\",\"database\":\"up\",\"application\":\"up\"}");
  }

  @Test
  void drainingWinsOverEverything() {
    assertThat(Health.of(true, true, true).status()).isEqualTo("draining");
    assertThat(Health.of(true, false, false).status()).isEqualTo("draining");
  }

  private String body(Health health) {
    return new String(json.bytes(health), StandardCharsets.UTF_8);
  }
}
