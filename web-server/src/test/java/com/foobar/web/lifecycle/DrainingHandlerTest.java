package com.foobar.web.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

class DrainingHandlerTest {
  @Test
  void releasesARequestOnceWhenTheHandlerThrowsAfterCompletingIt() {
    DrainingHandler draining =
        new DrainingHandler(
            new Handler.Abstract() {
              @Override
              public boolean handle(Request request, Response response, Callback callback) {
                callback.succeeded();
                throw new IllegalStateException("after completing, as Jetty allows");
              }
            });

    assertThatThrownBy(() -> draining.handle(null, null, Callback.NOOP))
        .isInstanceOf(IllegalStateException.class);
    assertThat(draining.inFlight()).isZero(); // not -1: a stop would no longer wait for others
  }

  @Test
  void countsARequestUntilItsCallbackCompletes() throws Exception {
    Callback[] pending = new Callback[1];
    DrainingHandler draining =
        new DrainingHandler(
            new Handler.Abstract() {
              @Override
              public boolean handle(Request request, Response response, Callback callback) {
                pending[0] = callback;
                return true;
              }
            });

    assertThat(draining.handle(null, null, Callback.NOOP)).isTrue();
    assertThat(draining.inFlight()).isEqualTo(1);
    var stopped = draining.shutdown();
    assertThat(stopped).isNotDone();
    pending[0].succeeded();
    assertThat(draining.inFlight()).isZero();
    assertThat(stopped).isDone();
  }
}
