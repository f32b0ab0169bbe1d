package com.foobar.bench.peer.orders;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An order as the API shows it; createdAt is ISO-8601 UTC with microseconds. */
@JsonPropertyOrder({"id", "sku", "quantity", "email", "totalCents", "createdAt", "status"})
public record Order(
    long id,
    String sku,
    int quantity,
    String email,
    long totalCents,
    String createdAt,
    String status) {}
