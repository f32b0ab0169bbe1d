package com.foobar.app.orders;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A placed order as the API shows it; createdAt is ISO-8601 UTC with microseconds. */
@JsonPropertyOrder({"id", "sku", "quantity", "email", "totalCents", "createdAt"})
public record Order(
    long id, String sku, int quantity, String email, long totalCents, String createdAt) {}
