package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The assembled stack's two pages in a real headless Chromium: the store (products from the API
 * through the web tier, an order placed with the form) and the live status page on the web tier's
 * admin port (every tier drawn with its health, rates updated in place).
 */
class BrowserIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Path LOGS = Path.of("target/e2e");

  private static ChromeDriver browser;
  private static StackProcess stack;
  private static int webPort;
  private static int adminPort;
  private static int appA;
  private static int appB;

  @BeforeAll
  static void start() throws Exception {
    browser = HeadlessChromium.start(); // skips the class when Chromium is missing
    webPort = FreePorts.next();
    adminPort = FreePorts.next();
    appA = FreePorts.next();
    appB = FreePorts.next();
    List<String> arguments =
        List.of(
            "run",
            "--set",
            "web.bind=127.0.0.1",
            "--set",
            "web.http.port=" + webPort,
            "--set",
            "web.https.port=" + FreePorts.next(),
            "--set",
            "web.admin=127.0.0.1:" + adminPort,
            "--set",
            "dns.bind=127.0.0.1",
            "--set",
            "dns.port=" + FreePorts.next(),
            "--set",
            "dns.metrics=127.0.0.1:" + FreePorts.next(),
            "--set",
            "app.ports=" + appA + "," + appB,
            "--set",
            "db.embedded.port=" + FreePorts.next());
    stack = StackProcess.start(DIST, LOGS, arguments);
    stack.awaitLine("stack up in", Duration.ofSeconds(180));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (stack != null) {
      stack.stop(Duration.ofSeconds(60));
      stack.close();
    }
  }

  @Test
  void theStoreListsTheProductsAndPlacesAnOrderThroughTheForm() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    browser.get("http://127.0.0.1:" + webPort + "/");
    assertThat(browser.getTitle()).isEqualTo("foobar.com store");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#products li[data-sku='FB-MUG']")));
    List<String> skus =
        browser.findElements(By.cssSelector("#products li[data-sku]")).stream()
            .map(li -> li.getDomAttribute("data-sku"))
            .toList();
    assertThat(skus).contains("FB-HOODIE", "FB-MUG", "FB-STICKER", "FB-TEE");
    WebElement mug = browser.findElement(By.cssSelector("#products li[data-sku='FB-MUG']"));
    assertThat(mug.findElement(By.className("price")).getText()).isEqualTo("$12.99");
    int stockBefore = stock(mug);

    new Select(browser.findElement(By.id("order-sku"))).selectByValue("FB-MUG");
    WebElement quantity = browser.findElement(By.id("order-quantity"));
    quantity.clear();
    quantity.sendKeys("2");
    browser.findElement(By.id("order-email")).sendKeys("grace@example.com");
    browser.findElement(By.cssSelector("#order-form button[type=submit]")).click();

    WebElement result = browser.findElement(By.id("order-result"));
    wait.until(ExpectedConditions.attributeToBe(result, "class", "ok"));
    assertThat(result.getText()).matches("Order \\d+ placed: 2 × FB-MUG, \\$25\\.98\\.");
    // The list reloads after the order: the stock shown went down by two.
    wait.until(
        d ->
            stock(d.findElement(By.cssSelector("#products li[data-sku='FB-MUG']")))
                == stockBefore - 2);
  }

  @Test
  void theStatusPageDrawsEveryTierLiveAndUpdatesInPlace() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.get("http://127.0.0.1:" + adminPort + "/status");
    assertThat(browser.getTitle()).isEqualTo("foobar-stack status");
    for (String tier : List.of("web", "dns", "app-" + appA, "app-" + appB, "database")) {
      wait.until(
          ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("#node-" + tier + "[data-state='up']")));
    }
    assertThat(browser.findElements(By.cssSelector("#tiers tbody tr")))
        .extracting(row -> row.getDomAttribute("data-tier"))
        .containsExactly("dns", "web", "app-" + appA, "app-" + appB, "database");

    // Traffic through the web tier shows up as a request rate, without reloading the page.
    Object page = browser.executeScript("window.sameDocument = true; return 1;");
    assertThat(page).isEqualTo(1L);
    HttpClient http = HttpClient.newHttpClient();
    long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
    while (System.nanoTime() < until) {
      http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/api/products"))
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
    wait.until(
        d -> {
          String rate =
              d.findElement(By.cssSelector("#tiers tr[data-tier='web'] td:nth-child(4)")).getText();
          return rate.matches("[0-9.]+ requests/s") && !rate.startsWith("0 ") ? rate : null;
        });
    String first = browser.findElement(By.id("updated")).getDomAttribute("data-generated-at");
    wait.until(
        d -> !first.equals(d.findElement(By.id("updated")).getDomAttribute("data-generated-at")));
    assertThat(browser.executeScript("return window.sameDocument === true;")).isEqualTo(true);
  }

  private static int stock(WebElement product) {
    String text = product.findElement(By.className("stock")).getText(); // "48 in stock"
    return Integer.parseInt(text.substring(0, text.indexOf(' ')));
  }
}
