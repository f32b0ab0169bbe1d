package com.foobar.store.orders;

import com.foobar.http.ApiException;
import com.foobar.http.ApiServlet;
import com.foobar.http.Json;
import com.foobar.http.Pagination;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code POST /api/orders} (place), {@code GET /api/orders?email=} (a customer's orders, paged),
 * {@code GET /api/orders/{id}} and {@code DELETE /api/orders/{id}} (cancel).
 */
public final class OrdersServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final transient OrderService orders;

  public OrdersServlet(Json json, OrderService orders) {
    super(json, List.of("GET", "POST", "DELETE"));
    this.orders = orders;
  }

  @Override
  protected void handle(HttpServletRequest request, HttpServletResponse response)
      throws ApiException, SQLException, IOException {
    String path = request.getPathInfo();
    boolean collection = path == null || path.equals("/");
    String method = request.getMethod();
    if (collection) {
      switch (method) {
        case "POST" -> place(request, response);
        case "GET", "HEAD" -> list(request, response);
        default -> notAllowed(response, method, "GET, POST");
      }
      return;
    }
    long id = parseId(path.substring(1));
    switch (method) {
      case "GET", "HEAD" ->
          json.write(
              response,
              200,
              orders.find(id).orElseThrow(() -> ApiException.notFound("no order " + id)));
      case "DELETE" ->
          json.write(
              response,
              200,
              orders.cancel(id).orElseThrow(() -> ApiException.notFound("no order " + id)));
      default -> notAllowed(response, method, "GET, DELETE");
    }
  }

  private static void notAllowed(HttpServletResponse response, String method, String allow)
      throws ApiException {
    response.setHeader("Allow", allow);
    throw new ApiException(405, "method_not_allowed", method + " is not allowed here", null);
  }

  private void place(HttpServletRequest request, HttpServletResponse response)
      throws ApiException, SQLException, IOException {
    String key = idempotencyKey(request);
    OrderOutcome outcome = orders.place(OrderRequest.parse(json.readBody(request)), key);
    if (outcome.replayed()) {
      response.setHeader("Idempotent-Replayed", "true"); // as Stripe marks a repeat
    }
    // Java 17 has no pattern switch yet; the interface is sealed, so these two are all.
    if (outcome instanceof OrderOutcome.Refused refused) {
      throw refused.refusal();
    }
    Order order = ((OrderOutcome.Placed) outcome).order();
    response.setHeader("Location", "/api/orders/" + order.id());
    json.write(response, 201, order);
  }

  /** {@code GET /api/orders?email=…}: a customer's orders, newest first, paged. */
  private void list(HttpServletRequest request, HttpServletResponse response)
      throws ApiException, SQLException, IOException {
    String email = request.getParameter("email");
    if (email == null || email.isBlank()) {
      throw ApiException.invalidField("email", "email is required to list orders");
    }
    int limit = Pagination.limit(request, 20, 100);
    String cursor = Pagination.cursor(request);
    long before;
    try {
      before = cursor == null ? Long.MAX_VALUE : Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw ApiException.invalidField("cursor", "cursor is not one this API gave out");
    }
    List<Order> page = orders.byEmail(email, before, limit + 1);
    if (page.size() > limit) {
      page = page.subList(0, limit);
      Pagination.next(request, response, Long.toString(page.get(limit - 1).id()), limit);
    }
    json.write(response, 200, page);
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
