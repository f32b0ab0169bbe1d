package com.foobar.app.stack;

import com.foobar.app.http.JsonErrorHandler;
import com.foobar.http.HealthServlet;
import com.foobar.http.Json;
import com.foobar.http.NotFoundServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The stack's own endpoints on every instance, under a prefix no application can take: the
 * instance's context for {@link #PREFIX} is a longer context path than the application's {@code /},
 * so Jetty routes to it first whatever the application maps (even {@code /*}).
 *
 * <ul>
 *   <li>{@link #HEALTH}: the instance's health, as {@link HealthServlet} answers it
 *   <li>{@link #METRICS}: the Prometheus text, answered in front of every context by {@link
 *       com.foobar.app.metrics.RequestObserver}
 * </ul>
 */
public final class StackEndpoints {
  public static final String PREFIX = "/_foobar";
  public static final String HEALTH = PREFIX + "/health";
  public static final String METRICS = PREFIX + "/metrics";

  private StackEndpoints() {}

  /** The context at {@link #PREFIX}: health, and a JSON 404 for anything else under it. */
  public static ServletContextHandler context(Json json, HealthServlet health) {
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath(PREFIX);
    context.setErrorHandler(new JsonErrorHandler(json));
    context.addServlet(new ServletHolder(health), HEALTH.substring(PREFIX.length()));
    context.addServlet(new ServletHolder(new NotFoundServlet(json)), "/");
    return context;
  }
}
