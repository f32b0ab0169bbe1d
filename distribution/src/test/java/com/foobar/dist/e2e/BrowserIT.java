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
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
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
@ResourceLock(PackageLock.NAME)
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
    StackPorts ports = StackPorts.free();
    webPort = ports.web();
    adminPort = ports.admin();
    appA = ports.appA();
    appB = ports.appB();
    List<String> arguments = new java.util.ArrayList<>(List.of("run"));
    arguments.addAll(ports.settings());
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
    wait.ignoring(StaleElementReferenceException.class); // the list redraws after an order
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
    wait.ignoring(StaleElementReferenceException.class);
    browser.get("http://127.0.0.1:" + adminPort + "/status");
    assertThat(browser.getTitle()).isEqualTo("foobar-stack status");
    for (String tier : List.of("web", "dns", "app-" + appA, "app-" + appB, "database")) {
      wait.until(
          ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("#node-" + tier + "[data-state='up']")));
    }
    // The page redraws every second: read the DOM in one script call, never through element
    // handles that the next redraw makes stale.
    assertThat(
            browser.executeScript(
                "return [...document.querySelectorAll('#tiers tbody tr')].map(r => r.dataset.tier);"))
        .isEqualTo(List.of("dns", "web", "app-" + appA, "app-" + appB, "database"));

    // Traffic through the web tier shows up as a request rate, without reloading the page.
    browser.executeScript("window.sameDocument = true;");
    java.util.concurrent.atomic.AtomicBoolean traffic =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread client =
        new Thread(
            () -> {
              HttpClient http = HttpClient.newHttpClient();
              long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
              while (traffic.get() && System.nanoTime() < until) {
                try {
                  http.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + webPort + "/api/products"))
                          .build(),
                      HttpResponse.BodyHandlers.discarding());
                } catch (Exception e) {
                  return;
                }
              }
            });
    client.start();
    try {
      String rateCell = "#tiers tr[data-tier='web'] td:nth-child(4)";
      wait.until(
          d -> {
            String text =
                String.valueOf(
                    browser.executeScript(
                        "return document.querySelector(arguments[0]).textContent;", rateCell));
            return text.matches("[0-9.]+ requests/s") && !text.startsWith("0") ? text : null;
          });
    } finally {
      traffic.set(false);
      client.join();
    }
    String generatedAt = "return document.getElementById('updated').dataset.generatedAt;";
    Object first = browser.executeScript(generatedAt);
    wait.until(d -> !first.equals(browser.executeScript(generatedAt)));
    assertThat(browser.executeScript("return window.sameDocument === true;")).isEqualTo(true);
  }

  private static int stock(WebElement product) {
    String text = product.findElement(By.className("stock")).getText(); // "48 in stock"
    return Integer.parseInt(text.substring(0, text.indexOf(' ')));
  }
}
