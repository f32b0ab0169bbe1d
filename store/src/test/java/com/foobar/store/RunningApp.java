package com.foobar.store;

import com.foobar.app.ApiClient;
import com.foobar.app.AppConfig;
import com.foobar.app.AppServer;
import com.foobar.db.EmbeddedDatabaseFixture;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One app instance on a free port over the test database for a whole test class, with a client for
 * it; the data goes back to the seeded state before each test. Register it as a static field:
 * {@code @RegisterExtension static final RunningApp api = new RunningApp(10);}.
 */
final class RunningApp implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private final int poolSize;
  private AppServer app;
  private ApiClient client;

  RunningApp(int poolSize) {
    this.poolSize = poolSize;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    app =
        new AppServer(
            new AppConfig("127.0.0.1", 0, EmbeddedDatabaseFixture.appConnection(), poolSize)
                .withWebApp(StoreWar.LOCATION));
    app.start();
    client = new ApiClient(app.port());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    app.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    EmbeddedDatabaseFixture.resetData();
  }

  int port() {
    return app.port();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.get(path);
  }

  HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
    return client.postJson(path, body);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(request);
  }

  HttpRequest.Builder request(String path) {
    return client.request(path);
  }
}
