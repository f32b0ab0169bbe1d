package com.foobar.bench.peer.products;

import com.foobar.bench.peer.ApiError;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ProductController {
  private final ProductRepository products;

  public ProductController(ProductRepository products) {
    this.products = products;
  }

  @GetMapping("/api/products/{sku}")
  public ResponseEntity<Product> product(@PathVariable String sku) {
    Product product =
        products.find(sku).orElseThrow(() -> ApiError.notFound("no product with sku " + sku, null));
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(product);
  }
}
