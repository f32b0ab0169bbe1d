package com.foobar.store.orders;

import com.foobar.http.ApiException;
import java.util.Objects;

/**
 * What placing an order came to: it was placed, or refused with the answer the client gets (404
 * unknown sku, 409 stock short). {@code replayed} when an earlier request with the same idempotency
 * key decided it.
 */
public sealed interface OrderOutcome permits OrderOutcome.Placed, OrderOutcome.Refused {
  boolean replayed();

  /** The order was placed (201). */
  record Placed(Order order, boolean replayed) implements OrderOutcome {
    public Placed {
      Objects.requireNonNull(order, "order");
    }
  }

  /** No order was placed; {@code refusal} is the client's answer. */
  record Refused(ApiException refusal, boolean replayed) implements OrderOutcome {
    public Refused {
      Objects.requireNonNull(refusal, "refusal");
    }
  }
}
