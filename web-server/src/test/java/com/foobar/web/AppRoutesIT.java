package com.foobar.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.web.proxy.AppRoutes;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@link AppRoutes#FALLBACK} the application owns every path the static site has no file for,
 * as nginx's {@code try_files $uri $uri/ @app}; the app instances' reserved paths are never
 * proxied.
 */
class AppRoutesIT {
  @RegisterExtension
  static final RunningWeb web =
      RunningWeb.inFrontOf("alpha").configured(c -> c.withAppRoutes(AppRoutes.FALLBACK));

  @BeforeAll
  static void site() throws Exception {
    Files.writeString(web.webRoot().resolve("style.css"), "body { color: black }\n");
    Files.createDirectories(web.webRoot().resolve("api"));
    Files.writeString(web.webRoot().resolve("api/shadow.txt"), "a file under /api");
  }

  @Test
  void servesTheFilesTheSiteHas() throws Exception {
    HttpResponse<String> page = web.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).isEqualTo(TestSite.INDEX);
    assertThat(web.get("/style.css").body()).isEqualTo("body { color: black }\n");
  }

  @Test
  void handsEveryOtherPathToTheApplication() throws Exception {
    HttpResponse<String> login = web.get("/login?next=%2Fcart");

    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).startsWith("backend=alpha\nmethod=GET\npath=/login\n");
  }

  @Test
  void postsToAPathWithoutAFileReachTheApplicationButAFileStaysReadOnly() throws Exception {
    HttpResponse<String> form =
        web.send(web.request("/login").POST(HttpRequest.BodyPublishers.ofString("user=a")));
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).startsWith("backend=alpha\nmethod=POST\npath=/login\n");

    HttpResponse<String> onFile =
        web.send(web.request("/style.css").POST(HttpRequest.BodyPublishers.ofString("x")));
    assertThat(onFile.statusCode()).isEqualTo(405);
    assertThat(onFile.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void theApiIsTheApplicationsEvenWhereTheSiteHasAFile() throws Exception {
    assertThat(web.get("/api/shadow.txt").body())
        .startsWith("backend=alpha\nmethod=GET\npath=/api/shadow.txt\n");
  }

  @Test
  void neverProxiesTheAppInstancesReservedPaths() throws Exception {
    for (String path : new String[] {"/_foobar/health", "/_foobar/metrics", "/_foobar"}) {
      HttpResponse<String> response = web.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).isEqualTo(TestSite.NOT_FOUND);
    }
  }
}
