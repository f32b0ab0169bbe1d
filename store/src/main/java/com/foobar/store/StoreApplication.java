package com.foobar.store;

import com.foobar.http.HealthServlet;
import com.foobar.http.Json;
import com.foobar.http.NotFoundServlet;
import com.foobar.store.orders.OrderService;
import com.foobar.store.orders.OrdersServlet;
import com.foobar.store.products.ProductRepository;
import com.foobar.store.products.ProductsServlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The foobar.com store as an ordinary web application: its resources registered on start-up over
 * the pool the container binds at {@value #DATA_SOURCE} (the {@code resource-ref} of its {@code
 * web.xml}). Nothing here knows which container hosts it.
 */
public final class StoreApplication implements ServletContextListener {
  static final String DATA_SOURCE = "java:comp/env/jdbc/foobar";

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    DataSource dataSource = lookUp();
    Json json = new Json();
    add(context, "products", new ProductsServlet(json, new ProductRepository(dataSource)))
        .addMapping("/api/products/*");
    add(context, "orders", new OrdersServlet(json, new OrderService(dataSource)))
        .addMapping("/api/orders/*");
    // The store's own view of its health: the database. Draining is the container's to say, on
    // its own health endpoint.
    add(context, "health", new HealthServlet(json, dataSource, () -> false))
        .addMapping("/api/health");
    add(context, "not-found", new NotFoundServlet(json)).addMapping("/");
    add(context, "error", new ErrorServlet(json)).addMapping(ErrorServlet.PATH);
  }

  private static ServletRegistration.Dynamic add(
      ServletContext context, String name, jakarta.servlet.Servlet servlet) {
    ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
    registration.setLoadOnStartup(1);
    return registration;
  }

  private static DataSource lookUp() {
    try {
      return (DataSource) new InitialContext().lookup(DATA_SOURCE);
    } catch (NamingException e) {
      throw new IllegalStateException(
          "the store needs a DataSource at " + DATA_SOURCE + " (a resource-ref jdbc/foobar): " + e,
          e);
    }
  }
}
