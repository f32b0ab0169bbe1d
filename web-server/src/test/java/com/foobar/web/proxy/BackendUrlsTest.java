package com.foobar.web.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BackendUrlsTest {
  @Test
  void readsTheListInOrderWithPort80ByDefault() {
    assertThat(BackendUrls.parse(" http://10.0.0.5:8081, HTTP://App-2.example ,http://[::1]:9000/"))
        .containsExactly(
            URI.create("http://10.0.0.5:8081"),
            URI.create("http://app-2.example:80"),
            URI.create("http://[::1]:9000"));
  }

  @Test
  void refusesWhatIsNotAPlainHttpBackend() {
    assertThatThrownBy(() -> BackendUrls.parse("https://10.0.0.5:8443"))
        .hasMessage("backend 'https://10.0.0.5:8443' must be http://host:port");
    assertThatThrownBy(() -> BackendUrls.parse("10.0.0.5:8081"))
        .hasMessage("backend '10.0.0.5:8081' must be http://host:port");
    assertThatThrownBy(() -> BackendUrls.parse("http://10.0.0.5:8081/api"))
        .hasMessage(
            "backend 'http://10.0.0.5:8081/api' must be only http://host:port"
                + " (requests keep their own path)");
    assertThatThrownBy(() -> BackendUrls.parse("http://user@10.0.0.5:8081"))
        .hasMessageStartingWith("backend 'http://user@10.0.0.5:8081' must be only");
    assertThatThrownBy(() -> BackendUrls.parse("http://10.0.0.5:0"))
        .hasMessage("backend 'http://10.0.0.5:0' has port 0");
    assertThatThrownBy(() -> BackendUrls.parse("http://a b"))
        .hasMessageStartingWith("backend 'http://a b' is not a URL");
    assertThatThrownBy(() -> BackendUrls.parse("http://10.0.0.5:8081,,http://10.0.0.6:8081"))
        .hasMessageStartingWith("an empty entry in the backend list");
    assertThatThrownBy(() -> BackendUrls.parse("http://10.0.0.5:8081, http://10.0.0.5:8081/"))
        .hasMessage("backend http://10.0.0.5:8081 is listed twice");
  }
}
