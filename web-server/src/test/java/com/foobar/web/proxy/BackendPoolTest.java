package com.foobar.web.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendPoolTest {
  private static final List<BackendSpec> THREE =
      List.of(spec(8081, 1, false), spec(8082, 1, false), spec(8083, 1, false));

  private static BackendSpec spec(int port, int weight, boolean backup) {
    return new BackendSpec(URI.create("http://127.0.0.1:" + port), weight, backup);
  }

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
  void roundRobinSpreadsRequestsByWeightLikeNginx() {
    BackendPool pool =
        new BackendPool(
            List.of(spec(8081, 5, false), spec(8082, 1, false), spec(8083, 1, false)),
            Balance.ROUND_ROBIN);
    List<Backend> b = pool.backends();
    List<Backend> picks = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      picks.add(pool.next());
    }

    // nginx's smooth order for 5, 1, 1: spread out, not five of the first in a row.
    assertThat(picks)
        .containsExactly(b.get(0), b.get(0), b.get(1), b.get(0), b.get(2), b.get(0), b.get(0));

    b.get(0).markHealthy(false);
    assertThat(List.of(pool.next(), pool.next())).containsExactlyInAnyOrder(b.get(1), b.get(2));
  }

  @Test
  void leastBusyWeighsTheInFlightCountByWeight() {
    BackendPool pool =
        new BackendPool(List.of(spec(8081, 3, false), spec(8082, 1, false)), Balance.LEAST_BUSY);
    List<Backend> b = pool.backends();
    b.get(0).begin();
    b.get(0).begin(); // 2 of weight 3 is less busy than 1 of weight 1
    b.get(1).begin();

    assertThat(pool.next()).isSameAs(b.get(0));
  }

  @Test
  void aBackupTakesRequestsOnlyWhileNoOtherInstanceIsHealthy() {
    for (Balance balance : Balance.values()) {
      BackendPool pool =
          new BackendPool(List.of(spec(8081, 1, false), spec(8082, 1, true)), balance);
      List<Backend> b = pool.backends();

      assertThat(List.of(pool.next(), pool.next(), pool.next())).containsOnly(b.get(0));
      assertThat(pool.nextExcept(b.get(0))).as("a retry").isSameAs(b.get(1));
      b.get(0).markHealthy(false);
      assertThat(List.of(pool.next(), pool.next())).containsOnly(b.get(1));
      b.get(0).markHealthy(true);
      assertThat(pool.next()).isSameAs(b.get(0));
    }
    assertThatThrownBy(() -> new BackendPool(List.of(spec(8081, 1, true)), Balance.ROUND_ROBIN))
        .hasMessage("web: every app instance is a backup; one must not be");
  }

  @Test
  void readsTheBalanceAsTheConfigurationSpellsIt() {
    assertThat(Balance.fromConfigName("least-busy")).isEqualTo(Balance.LEAST_BUSY);
    assertThat(Balance.ROUND_ROBIN.configName()).isEqualTo("round-robin");
    assertThatThrownBy(() -> Balance.fromConfigName("random"))
        .hasMessage("web: balance must be round-robin or least-busy, not random");
  }
}
