package com.foobar.bench.peer.products;

/** A product as the API shows it. */
public record Product(String sku, String name, String description, int priceCents, int stock) {}
