package com.foobar.bench.peer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The store's {@code GET /api/products/{sku}} and {@code POST /api/orders} as a Spring Boot user
 * would write them, over the same database: the peer that {@code bench/api.sh} measures ours
 * against.
 */
@SpringBootApplication
public class PeerApplication {
  public static void main(String[] args) {
    SpringApplication.run(PeerApplication.class, args);
  }
}
