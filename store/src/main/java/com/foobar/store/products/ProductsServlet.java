package com.foobar.store.products;

import com.foobar.http.ApiException;
import com.foobar.http.ApiServlet;
import com.foobar.http.Json;
import com.foobar.http.Pagination;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/** {@code GET /api/products} (by sku, paged: limit, cursor) and {@code GET /api/products/{sku}}. */
public final class ProductsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final int MAX_PAGE = 100;

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
      int limit = Pagination.limit(request, MAX_PAGE, MAX_PAGE);
      String after = Pagination.cursor(request);
      // One more than asked: whether a next page exists, without a COUNT.
      List<Product> page = products.page(after == null ? "" : after, limit + 1);
      if (page.size() > limit) {
        page = page.subList(0, limit);
        Pagination.next(request, response, page.get(limit - 1).sku(), limit);
      }
      json.write(response, 200, page);
      return;
    }
    String sku = path.substring(1);
    Product product =
        products.find(sku).orElseThrow(() -> ApiException.notFound("no product with sku " + sku));
    json.write(response, 200, product);
  }
}
