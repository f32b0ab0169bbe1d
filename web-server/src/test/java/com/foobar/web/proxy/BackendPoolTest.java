package com.foobar.web.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendPoolTest {
  private static final List<URI> THREE =
      List.of(
          URI.create("http://127.0.0.1:8081"),
          URI.create("http://127.0.0.1:8082"),
          URI.create("http://127.0.0.1:8083"));

  @Test
  void roundRobinTakesEachHealthyInstanceInTurnWhateverItsLoad() {
    BackendPool pool = new BackendPool(THREE, Balance.ROUND_ROBIN);
    List<Backend> b = pool.backends();
    b.get(0).begin();
    b.get(0).begin();
    b.get(1).markHealthy(false);

    assertThat(List.of(pool.next(), pool.next(), pool.next(), pool.next()))
        .containsExactly(b.get(0), b.get(2), b.get(2), b.get(0));
  }

  @Test
  void leastBusyTakesTheHealthyInstanceWithFewestInFlightAndRotatesAmongEquals() {
    BackendPool pool = new BackendPool(THREE, Balance.LEAST_BUSY);
    List<Backend> b = pool.backends();
    b.get(0).begin();
    b.get(0).begin();
    b.get(1).begin();

    assertThat(pool.next()).isSameAs(b.get(2));
    b.get(2).begin(); // now 2, 1, 1
    assertThat(List.of(pool.next(), pool.next(), pool.next(), pool.next()))
        .containsOnly(b.get(1), b.get(2))
        .contains(b.get(1), b.get(2));

    b.get(1).markHealthy(false); // out of rotation however idle
    b.get(1).end();
    assertThat(pool.next()).isSameAs(b.get(2));
    assertThat(pool.nextExcept(b.get(2))).isSameAs(b.get(0)); // a retry goes elsewhere
  }

  @Test
  void readsTheBalanceAsTheConfigurationSpellsIt() {
    assertThat(Balance.fromConfigName("least-busy")).isEqualTo(Balance.LEAST_BUSY);
    assertThat(Balance.ROUND_ROBIN.configName()).isEqualTo("round-robin");
    assertThatThrownBy(() -> Balance.fromConfigName("random"))
        .hasMessage("web: balance must be round-robin or least-busy, not random");
  }
}
