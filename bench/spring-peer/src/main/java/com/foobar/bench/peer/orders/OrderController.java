package com.foobar.bench.peer.orders;

import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderController {
  private final OrderService orders;

  public OrderController(OrderService orders) {
    this.orders = orders;
  }

  @PostMapping("/api/orders")
  public ResponseEntity<Order> place(@RequestBody OrderRequest request) {
    request.validate();
    Order order = orders.place(request);
    return ResponseEntity.created(URI.create("/api/orders/" + order.id()))
        .cacheControl(CacheControl.noStore())
        .body(order);
  }
}
