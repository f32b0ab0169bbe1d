package com.foobar.app.health;

import com.foobar.app.http.ApiException;
import com.foobar.app.http.ApiServlet;
import com.foobar.app.http.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * {@code GET /api/health}: 200 when this instance can use the database, 503 when it cannot or when
 * it is draining before a stop, so the web tier and operators see a broken or leaving instance
 * rather than its failing requests.
 */
public final class HealthServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final int CHECK_TIMEOUT_SECONDS = 1;

  /** The health answer; which dependency is down is named so the operator knows where to look. */
  public record Health(String status, String database) {}

  private final transient DataSource dataSource;
  private final transient BooleanSupplier draining;

  public HealthServlet(Json json, DataSource dataSource, BooleanSupplier draining) {
    super(json, List.of("GET"));
    this.dataSource = dataSource;
    this.draining = draining;
  }

  @Override
  protected void handle(HttpServletRequest request, HttpServletResponse response)
      throws ApiException, IOException {
    boolean database = databaseUp();
    String status = draining.getAsBoolean() ? "draining" : database ? "up" : "down";
    json.write(
        response, status.equals("up") ? 200 : 503, new Health(status, database ? "up" : "down"));
  }

  private boolean databaseUp() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(CHECK_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      return false;
    }
  }
}
