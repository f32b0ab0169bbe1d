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
            BackendSpec.of(URI.create("http://10.0.0.5:8081")),
            BackendSpec.of(URI.create("http://app-2.example:80")),
            BackendSpec.of(URI.create("http://[::1]:9000")));
  }

  @Test
  void readsWeightsAndBackupsAsNginxWritesThem() {
    assertThat(BackendUrls.parse("http://10.0.0.5:8081 weight=3, http://10.0.0.6:8081   backup"))
        .containsExactly(
            new BackendSpec(URI.create("http://10.0.0.5:8081"), 3, false),
            new BackendSpec(URI.create("http://10.0.0.6:8081"), 1, true));
    assertThatThrownBy(() -> BackendUrls.parse("http://10.0.0.5:8081 weight=0"))
        .hasMessage("backend http://10.0.0.5:8081: weight must be 1 to 100, not 0");
    assertThatThrownBy(() -> BackendUrls.parse("http://10.0.0.5:8081 weight=101"))
        .hasMessage("backend http://10.0.0.5:8081: weight must be 1 to 100, not 101");
    assertThatThrownBy(() -> BackendUrls.parse("http://10.0.0.5:8081 max_fails=3"))
        .hasMessage(
            "backend http://10.0.0.5:8081: unknown option 'max_fails=3' (weight=N or backup)");
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
    assertThatThrownBy(() -> BackendUrls.parse("http://a^b:8081"))
        .hasMessageStartingWith("backend 'http://a^b:8081' is not a URL");
    assertThatThrownBy(() -> BackendUrls.parse("http://10.0.0.5:8081,,http://10.0.0.6:8081"))
        .hasMessageStartingWith("an empty entry in the backend list");
    assertThatThrownBy(() -> BackendUrls.parse("http://10.0.0.5:8081, http://10.0.0.5:8081/"))
        .hasMessage("backend http://10.0.0.5:8081 is listed twice");
  }
}
