package com.foobar.store.orders;

import com.foobar.http.ApiException;
import com.foobar.store.orders.OrderOutcome.Placed;
import com.foobar.store.orders.OrderOutcome.Refused;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * Places and reads orders. Placing one is a single transaction: a conditional decrement of the
 * stock and the insert of the order; both happen or neither does. With an idempotency key the
 * request is decided at most once: the outcome (the order, or why none was placed) is stored under
 * the key in the same transaction, and a repeat of the key gets that first outcome.
 */
public final class OrderService {
  private final Transactions transactions;
  private final OrderRepository orders = new OrderRepository();
  private final IdempotencyKeys keys = new IdempotencyKeys(orders);

  public OrderService(DataSource dataSource) {
    this.transactions = new Transactions(dataSource);
  }

  /**
   * Places the order, at most once per {@code idempotencyKey}: the first outcome with a key, an
   * order or a refusal, is stored with it in the same transaction and is the answer to every
   * repeat, even after the stock has changed.
   *
   * @param idempotencyKey null for none
   * @throws ApiException 422 when the key was already used with other data; 503 when the database
   *     was too busy to decide it
   */
  public OrderOutcome place(OrderRequest request, String idempotencyKey)
      throws ApiException, SQLException {
    if (idempotencyKey == null) {
      return transactions.inTransactionRetriedOnce(connection -> decide(connection, request, null));
    }
    Optional<OrderOutcome> earlier = replay(idempotencyKey, request);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    try {
      return transactions.inTransactionRetriedOnce(
          connection -> {
            OrderOutcome outcome = decide(connection, request, idempotencyKey);
            keys.remember(connection, idempotencyKey, request, outcome);
            return outcome;
          });
    } catch (SQLIntegrityConstraintViolationException e) {
      // A concurrent request with the same key committed first; ours was rolled back whole.
      return replay(idempotencyKey, request).orElseThrow(() -> e);
    }
  }

  private Optional<OrderOutcome> replay(String key, OrderRequest request)
      throws ApiException, SQLException {
    return transactions.read(connection -> keys.replay(connection, key, request));
  }

  /** Takes the stock and inserts the order, or finds why it cannot be placed. */
  private OrderOutcome decide(Connection connection, OrderRequest request, String idempotencyKey)
      throws SQLException {
    if (!orders.takeStock(connection, request.sku(), request.quantity())) {
      return new Refused(whyNotPlaced(orders.stock(connection, request.sku()), request), false);
    }
    long id = orders.insert(connection, request, idempotencyKey);
    return new Placed(orders.find(connection, id).orElseThrow(), false);
  }

  /** The decrement matched nothing: either the sku does not exist or its stock is short. */
  private static ApiException whyNotPlaced(OptionalInt stock, OrderRequest request) {
    if (stock.isEmpty()) {
      return new ApiException(404, "not_found", "no product with sku " + request.sku(), "sku");
    }
    return new ApiException(
        409,
        "insufficient_stock",
        "only " + stock.getAsInt() + " of " + request.sku() + " left",
        "quantity");
  }

  public Optional<Order> find(long id) throws SQLException {
    return transactions.read(connection -> orders.find(connection, id));
  }

  /**
   * A customer's orders, newest first, at most {@code limit}, all older than {@code beforeId}
   * (keyset pagination: stable while orders are placed, no OFFSET scan).
   */
  public List<Order> byEmail(String email, long beforeId, int limit) throws SQLException {
    return transactions.read(connection -> orders.byEmail(connection, email, beforeId, limit));
  }

  /**
   * Cancels a placed order and gives its units back to the stock, in one transaction. Cancelling a
   * cancelled order changes nothing and answers it as it is, so a retried DELETE is harmless.
   *
   * @return the order after the cancel; empty if there is no such order
   */
  public Optional<Order> cancel(long id) throws SQLException {
    return transactions.inTransaction(
        connection -> {
          if (orders.markCancelled(connection, id)) {
            orders.restock(connection, id);
          }
          return orders.find(connection, id);
        });
  }
}
