package com.foobar.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

/**
 * Base of every API resource: routes by method, and turns whatever goes wrong into the uniform JSON
 * error body. A client never sees a stack trace; an unexpected failure is logged here and answered
 * with a generic 500.
 */
public abstract class ApiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  protected final transient Json json;
  private final List<String> allowedMethods;

  protected ApiServlet(Json json, List<String> allowedMethods) {
    this.json = json;
    this.allowedMethods = allowedMethods;
  }

  /** Handles a request whose method is one of the allowed ones. */
  protected abstract void handle(HttpServletRequest request, HttpServletResponse response)
      throws ApiException, SQLException, IOException;

  @Override
  protected final void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      String method = request.getMethod();
      if (!allowedMethods.contains(method)
          && !(method.equals("HEAD") && allowedMethods.contains("GET"))) {
        response.setHeader("Allow", String.join(", ", allowedMethods));
        throw new ApiException(405, "method_not_allowed", method + " is not allowed here", null);
      }
      handle(request, response);
    } catch (ApiException e) {
      json.writeError(response, e);
    } catch (SQLException e) {
      if (isUnavailable(e)) {
        // The container's log (ServletContext#log): an application brings no logging backend.
        log(
            "database unavailable for "
                + request.getMethod()
                + " "
                + request.getRequestURI()
                + ": "
                + e.getMessage());
        json.writeError(
            response,
            new ApiException(503, "database_unavailable", "the database is not reachable", null));
      } else {
        internalError(request, response, e);
      }
    } catch (RuntimeException e) {
      internalError(request, response, e);
    }
  }

  private void internalError(HttpServletRequest request, HttpServletResponse response, Exception e)
      throws IOException {
    log("failed: " + request.getMethod() + " " + request.getRequestURI(), e);
    if (!response.isCommitted()) {
      response.resetBuffer();
      json.writeError(
          response, new ApiException(500, "internal_error", "internal server error", null));
    }
  }

  /** No connection could be had or kept: the pool timed out or the link broke (SQLSTATE 08). */
  public static boolean isUnavailable(SQLException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException) {
        return true;
      }
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }
}
