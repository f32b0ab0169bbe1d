package com.foobar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.foobar.web.proxy.BackendSpec;
import com.foobar.web.proxy.Balance;
import com.foobar.web.statics.CacheControlRules;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebConfigTest {
  private static final Path ROOT = Path.of("site");

  @Test
  void servesOnAFreeLoopbackPortWithTheDefaults() {
    WebConfig defaults = WebConfig.serving(ROOT);

    assertThat(defaults.bindHost()).isEqualTo("127.0.0.1");
    assertThat(defaults.httpPort()).isZero();
    assertThat(defaults.webRoot()).isEqualTo(ROOT);
    assertThat(defaults.backends()).isEmpty();
    assertThat(defaults.healthCheckInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(defaults.proxyTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.canonicalHost()).isEqualTo("www.foobar.com");
    assertThat(defaults.hostAliases()).containsExactly("foobar.com");
    assertThat(defaults.cacheRules()).isEqualTo(CacheControlRules.DEFAULT);
    assertThat(defaults.tls()).isNull();
    assertThat(defaults.accessLog()).isFalse();
    assertThat(defaults.admin()).isNull();
    assertThat(defaults.balance()).isEqualTo(Balance.ROUND_ROBIN);
  }

  @Test
  void aWitherChangesItsFieldAndNoOther() {
    WebConfig defaults = WebConfig.serving(ROOT);

    WebConfig changed = defaults.withProxyTimeout(Duration.ofSeconds(5));

    assertThat(changed.proxyTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(changed.withProxyTimeout(WebConfig.DEFAULT_PROXY_TIMEOUT)).isEqualTo(defaults);
  }

  @Test
  void takesPlainUrisAsInstancesOfWeightOne() {
    URI app = URI.create("http://127.0.0.1:8081");

    assertThat(WebConfig.serving(ROOT).withBackendUris(List.of(app)).backends())
        .containsExactly(new BackendSpec(app, 1, false));
  }

  @Test
  void validatesWhatAWitherChanges() {
    assertThatThrownBy(() -> WebConfig.serving(ROOT).withProxyTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("web: the proxy timeout must be positive");
  }
}
