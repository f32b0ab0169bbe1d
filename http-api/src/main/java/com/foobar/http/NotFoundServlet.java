package com.foobar.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/** Everything the API does not have: a JSON 404 rather than a container error page. */
public final class NotFoundServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  public NotFoundServlet(Json json) {
    super(json, List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
  }

  @Override
  protected void handle(HttpServletRequest request, HttpServletResponse response)
      throws ApiException {
    throw ApiException.notFound("no such resource: " + request.getRequestURI());
  }
}
