package com.foobar.store;

import com.foobar.http.ApiException;
import com.foobar.http.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The store's error page ({@code web.xml}): an error the container raised inside the application (a
 * path it refuses, a request it cannot map) answered in the API's JSON shape, never the container's
 * HTML page or its message.
 */
public final class ErrorServlet extends HttpServlet {
  static final String PATH = "/_error";
  private static final long serialVersionUID = 1L;

  private final transient Json json;

  ErrorServlet(Json json) {
    this.json = json;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // Asked for directly, not dispatched for an error: there is no such resource.
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer value ? value : HttpServletResponse.SC_NOT_FOUND;
    json.writeError(response, ApiException.forStatus(code));
  }
}
