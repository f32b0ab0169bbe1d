package com.foobar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.db.Database;
import com.foobar.db.DatabaseConfig;
import com.foobar.db.EmbeddedDatabaseFixture;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The real MariaDB stopped and started under a running instance: requests that need it get a quick
 * 503 with the error body, health names the database, and service comes back by itself.
 */
class DatabaseOutageIT {
  @Test
  void answers503WhileTheDatabaseIsDownAndRecoversWithoutARestart() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    DatabaseConfig shared = EmbeddedDatabaseFixture.config(Path.of("target/outage-mariadb"));
    DatabaseConfig config =
        new DatabaseConfig(
            "",
            shared.dataDirectory(),
            shared.baseDirectory(),
            port,
            shared.databaseName(),
            shared.appUser(),
            shared.appPassword(),
            "",
            "");
    Database first = new Database(config);
    first.start();
    first.migrate();
    try (AppServer app = new AppServer(new AppConfig("127.0.0.1", 0, first.appConnection(), 4))) {
      app.start();
      ApiClient api = new ApiClient(app.port());
      assertThat(api.get("/api/products/FB-MUG").statusCode()).isEqualTo(200);

      first.close();
      long begin = System.nanoTime();
      HttpResponse<String> down = api.get("/api/products/FB-MUG");
      long millis = (System.nanoTime() - begin) / 1_000_000;
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body())
          .isEqualTo(
              "{\"error\":{\"code\":\"database_unavailable\",\"message\":\"the database is not"
                  + " reachable\",\"field\":null}}");
      assertThat(millis).as("503 within the pool's bounded wait").isLessThan(5_000);
      HttpResponse<String> health = api.get("/api/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).isEqualTo("{\"status\":\"down\",\"database\":\"down\"}");

      Database second = new Database(config);
      second.start();
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline
            && (status = api.get("/api/products/FB-MUG").statusCode()) != 200) {
          Thread.sleep(200);
        }
        assertThat(status).as("service back without restarting the app").isEqualTo(200);
        assertThat(api.get("/api/health").body())
            .isEqualTo("{\"status\":\"up\",\"database\":\"up\"}");
      } finally {
        second.close();
      }
    }
  }
}
