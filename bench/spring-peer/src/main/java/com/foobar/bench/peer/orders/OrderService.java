package com.foobar.bench.peer.orders;

import com.foobar.bench.peer.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places an order in one transaction, as our store's OrderService: the conditional decrement of
 * the stock, then the insert. The isolation is the pool's (READ COMMITTED, as ours), set in
 * application.properties.
 */
@Service
public class OrderService {
  private final OrderRepository orders;

  public OrderService(OrderRepository orders) {
    this.orders = orders;
  }

  /** The placed order; a refusal (404 unknown sku, 409 stock short) rolls back. */
  @Transactional
  public Order place(OrderRequest request) {
    if (!orders.takeStock(request.sku(), request.quantity())) {
      int stock =
          orders
              .stock(request.sku())
              .orElseThrow(() -> ApiError.notFound("no product with sku " + request.sku(), "sku"));
      throw new ApiError(
          HttpStatus.CONFLICT,
          "insufficient_stock",
          "only " + stock + " of " + request.sku() + " left",
          "quantity");
    }
    return orders.find(orders.insert(request));
  }
}
