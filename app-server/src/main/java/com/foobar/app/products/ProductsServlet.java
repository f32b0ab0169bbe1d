package com.foobar.app.products;

import com.foobar.app.http.ApiException;
import com.foobar.app.http.ApiServlet;
import com.foobar.app.http.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/** {@code GET /api/products} and {@code GET /api/products/{sku}}. */
public final class ProductsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  private final transient ProductRepository products;

  public ProductsServlet(Json json, ProductRepository products) {
    super(json, List.of("GET"));
    this.products = products;
  }

  @Override
  protected void handle(HttpServletRequest request, HttpServletResponse response)
      throws ApiException, SQLException, IOException {
    String path = request.getPathInfo();
    if (path == null || path.equals("/")) {
      json.write(response, 200, products.all());
      return;
    }
    String sku = path.substring(1);
    Product product =
        products.find(sku).orElseThrow(() -> ApiException.notFound("no product with sku " + sku));
    json.write(response, 200, product);
  }
}
