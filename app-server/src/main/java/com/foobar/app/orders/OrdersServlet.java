package com.foobar.app.orders;

import com.foobar.app.http.ApiException;
import com.foobar.app.http.ApiServlet;
import com.foobar.app.http.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/** {@code POST /api/orders} and {@code GET /api/orders/{id}}. */
public final class OrdersServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final transient OrderService orders;

  public OrdersServlet(Json json, OrderService orders) {
    super(json, List.of("GET", "POST"));
    this.orders = orders;
  }

  @Override
  protected void handle(HttpServletRequest request, HttpServletResponse response)
      throws ApiException, SQLException, IOException {
    String path = request.getPathInfo();
    boolean collection = path == null || path.equals("/");
    if (request.getMethod().equals("POST")) {
      if (!collection) {
        response.setHeader("Allow", "GET");
        throw new ApiException(405, "method_not_allowed", "POST is not allowed here", null);
      }
      String key = idempotencyKey(request);
      OrderService.Placement placed = orders.place(OrderRequest.parse(json.readBody(request)), key);
      Order order = placed.order();
      response.setHeader("Location", "/api/orders/" + order.id());
      if (placed.replayed()) {
        response.setHeader("Idempotent-Replayed", "true"); // as Stripe marks a repeat
      }
      json.write(response, 201, order);
      return;
    }
    if (collection) {
      response.setHeader("Allow", "POST");
      throw new ApiException(405, "method_not_allowed", "GET is not allowed here", null);
    }
    long id = parseId(path.substring(1));
    Order order = orders.find(id).orElseThrow(() -> ApiException.notFound("no order " + id));
    json.write(response, 200, order);
  }

  /** The optional Idempotency-Key: 1 to 128 visible ASCII characters (a UUID fits). */
  private static String idempotencyKey(HttpServletRequest request) throws ApiException {
    String key = request.getHeader(IDEMPOTENCY_KEY);
    if (key == null) {
      return null;
    }
    if (!key.matches("[\\x21-\\x7E]{1,128}")) {
      throw ApiException.invalidField(
          IDEMPOTENCY_KEY, "Idempotency-Key must be 1 to 128 visible ASCII characters");
    }
    return key;
  }

  private static long parseId(String text) throws ApiException {
    if (!text.matches("[0-9]{1,18}")) {
      throw ApiException.invalidField("id", "order id must be a positive whole number");
    }
    return Long.parseLong(text);
  }
}
