package com.foobar.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * {@code GET /api/health} and {@code GET /_foobar/health}: 200 when this instance can use the
 * database (and, hosting a web application, that application is available), 503 when it cannot or
 * when it is draining before a stop, so the web tier and operators see a broken or leaving instance
 * rather than its failing requests.
 */
public final class HealthServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final int CHECK_TIMEOUT_SECONDS = 1;

  /**
   * The health answer; which dependency is down is named so the operator knows where to look.
   *
   * @param application the hosted web application, "up" or "down"; absent for the built-in store
   */
  public record Health(
      String status,
      String database,
      @JsonInclude(JsonInclude.Include.NON_NULL) String application) {

    /** The answer for what the checks found; draining wins, as the instance is leaving anyway. */
    public static Health of(boolean draining, boolean databaseUp, Boolean applicationUp) {
      boolean up = databaseUp && !Boolean.FALSE.equals(applicationUp);
      return new Health(
          draining ? "draining" : up ? "up" : "down",
          databaseUp ? "up" : "down",
          applicationUp == null ? null : applicationUp ? "up" : "down");
    }
  }

  private final transient DataSource dataSource;
  private final transient BooleanSupplier draining;
  private final transient BooleanSupplier application;

  /** The built-in store's health: the database and the drain. */
  public HealthServlet(Json json, DataSource dataSource, BooleanSupplier draining) {
    this(json, dataSource, draining, null);
  }

  /**
   * A hosted web application's instance: also 503 while {@code application} says it is not
   * available (null: no application to check).
   */
  public HealthServlet(
      Json json, DataSource dataSource, BooleanSupplier draining, BooleanSupplier application) {
    super(json, List.of("GET"));
    this.dataSource = dataSource;
    this.draining = draining;
    this.application = application;
  }

  @Override
  protected void handle(HttpServletRequest request, HttpServletResponse response)
      throws ApiException, IOException {
    Health health =
        Health.of(
            draining.getAsBoolean(),
            databaseUp(),
            application == null ? null : application.getAsBoolean());
    json.write(response, health.status().equals("up") ? 200 : 503, health);
  }

  private boolean databaseUp() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(CHECK_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      return false;
    }
  }
}
