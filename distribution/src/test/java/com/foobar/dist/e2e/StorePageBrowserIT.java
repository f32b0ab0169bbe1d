package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The store page in a real headless Chromium against the assembled stack: the products come from
 * the API through the web tier, and an order placed with the form is confirmed and lowers the stock
 * shown.
 */
class StorePageBrowserIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Path LOGS = Path.of("target/e2e");

  @Test
  void listsTheProductsAndPlacesAnOrderThroughTheForm() throws Exception {
    ChromeDriver browser = HeadlessChromium.start();
    int webPort = FreePorts.next();
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
            "dns.bind=127.0.0.1",
            "--set",
            "dns.port=" + FreePorts.next(),
            "--set",
            "dns.metrics=127.0.0.1:0",
            "--set",
            "app.ports=" + FreePorts.next() + "," + FreePorts.next(),
            "--set",
            "db.embedded.port=" + FreePorts.next());
    try (StackProcess stack = StackProcess.start(DIST, LOGS, arguments)) {
      stack.awaitLine("stack up in", Duration.ofSeconds(180));
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
      stack.stop(Duration.ofSeconds(60));
    } finally {
      browser.quit();
    }
  }

  private static int stock(WebElement product) {
    String text = product.findElement(By.className("stock")).getText(); // "48 in stock"
    return Integer.parseInt(text.substring(0, text.indexOf(' ')));
  }
}
