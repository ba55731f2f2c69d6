package org.guarantor.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian chromium signed in as one party, with the checks every browser test needs:
 * the URLs it requested (from Chrome's performance log, so nothing the page does escapes it), the
 * page kept to its Content-Security-Policy ({@link PagePolicy}; violations are in the console log),
 * screenshots, and clicks on the map by latitude and longitude. Not thread-safe: one per thread.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final ObjectMapper JSON = new ObjectMapper();

  final ChromeDriver driver;
  private final String base;
  private final Path profile;
  private final List<String> requested = new ArrayList<>();
  private final List<String> console = new ArrayList<>();
  private final PagePolicy policy;

  /** Whether this machine has the browser and its driver; tests assume it. */
  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  Browser(int port) {
    this(port, 1280, 800);
  }

  Browser(int port, int width, int height) {
    this.base = "http://127.0.0.1:" + port + "/";
    try {
      this.profile = Files.createTempDirectory("guarantor-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--force-device-scale-factor=1",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    this.driver = new ChromeDriver(service, options);
    @SuppressWarnings("unchecked")
    Map<String, Object> chrome =
        (Map<String, Object>) driver.getCapabilities().getCapability("goog:chromeOptions");
    this.policy = PagePolicy.attach(String.valueOf(chrome.get("debuggerAddress")));
    // The window size includes the browser's frame; size it so the page itself gets width×height.
    @SuppressWarnings("unchecked")
    List<Number> inner = (List<Number>) js("return [window.innerWidth, window.innerHeight]");
    driver
        .manage()
        .window()
        .setSize(
            new Dimension(
                2 * width - inner.get(0).intValue(), 2 * height - inner.get(1).intValue()));
  }

  String base() {
    return base;
  }

  /**
   * Opens the page and signs in as a party of the demonstration server with its demonstration key,
   * through the sign-in screen (party code, then the button), and waits until the page has
   * everything (base map, view, incidents), as a person would before acting.
   */
  /** Opens the page, as a first visit does. */
  Browser open() {
    driver.get(base);
    return this;
  }

  Browser signIn(String party) {
    driver.get(base);
    waitFor(By.id("demo-party")).sendKeys(party);
    driver.findElement(By.id("demo-submit")).click();
    return awaitInteractive();
  }

  /** Opens the page and signs in by importing a private key file through the file chooser. */
  Browser signInWithKeyFile(Path file) {
    driver.get(base);
    waitFor(By.id("enrol-party"));
    driver.findElement(By.id("key-file")).sendKeys(file.toAbsolutePath().toString());
    return awaitInteractive();
  }

  /** Waits until the signed-in page has loaded everything. */
  Browser awaitInteractive() {
    waitUntil(
        d ->
            Boolean.TRUE.equals(
                js("return performance.getEntriesByName('guarantor:interactive').length > 0")),
        Duration.ofSeconds(30));
    return this;
  }

  /** Runs an async script (its last argument is the callback) and returns what it passes back. */
  Object asyncJs(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  /** Marks the loaded document, so a later check can prove the page was never reloaded. */
  void markDocument() {
    js("window.__sameDocument = true; return null;");
  }

  boolean sameDocument() {
    return Boolean.TRUE.equals(js("return window.__sameDocument === true"));
  }

  /** Clicks an element, finding it again if a live update replaced it first. */
  void click(By by) {
    waitUntil(
        d -> {
          waitFor(by).click();
          return true;
        });
  }

  /** Starts watching the document for an element; {@link #presentAt} says when it came. */
  void whenPresent(String css) {
    js(
        "window.__presentAt = null;"
            + " const seen = () => { if (!window.__presentAt && document.querySelector(arguments[0]))"
            + " window.__presentAt = Date.now(); };"
            + " new MutationObserver(seen).observe(document.body, {subtree: true, childList: true,"
            + " attributes: true}); seen(); return null;",
        css);
  }

  /** Epoch milliseconds at which the watched element appeared. */
  long presentAt() {
    return ((Number) js("return window.__presentAt")).longValue();
  }

  void go(String hash) {
    js("location.hash = arguments[0]; return null;", hash);
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  WebElement waitFor(By by) {
    return waitFor(by, Duration.ofSeconds(10));
  }

  WebElement waitFor(By by, Duration timeout) {
    // Live updates re-render views, so an element found a moment ago may be gone: look again.
    return new WebDriverWait(driver, timeout)
        .pollingEvery(Duration.ofMillis(50))
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              List<WebElement> found = d.findElements(by);
              return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
            });
  }

  <T> T waitUntil(ExpectedCondition<T> condition) {
    return waitUntil(condition, Duration.ofSeconds(10));
  }

  <T> T waitUntil(ExpectedCondition<T> condition, Duration timeout) {
    return new WebDriverWait(driver, timeout)
        .pollingEvery(Duration.ofMillis(50))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /**
   * Clicks the map at a place as a person would: the map is first centred near it (so the place is
   * on screen whatever the framing), then the mouse clicks its pixel.
   */
  void clickMapAt(double lat, double lon) {
    js(
        "window.guarantor.map.setView([arguments[0], arguments[1]], 6, {animate: false}); return null;",
        lat,
        lon);
    @SuppressWarnings("unchecked")
    Map<String, Number> p =
        (Map<String, Number>)
            js(
                "const p = window.guarantor.map.latLngToContainerPoint([arguments[0], arguments[1]]);"
                    + " return {x: p.x, y: p.y};",
                lat,
                lon);
    WebElement map = driver.findElement(By.id("map"));
    Dimension size = map.getSize();
    int dx = (int) Math.round(p.get("x").doubleValue() - size.getWidth() / 2.0);
    int dy = (int) Math.round(p.get("y").doubleValue() - size.getHeight() / 2.0);
    new Actions(driver).moveToElement(map, dx, dy).click().perform();
  }

  /** Saves a screenshot under target/screenshots and returns its path. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name);
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every URL the page has requested so far (the performance log drains on read; we keep it). */
  List<String> requestedUrls() {
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      try {
        JsonNode message = JSON.readTree(entry.getMessage()).path("message");
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        if (method.equals("Network.requestWillBeSent")) {
          requested.add(params.path("request").path("url").asText());
        } else if (method.equals("Network.webSocketCreated")) {
          requested.add(params.path("url").asText());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(requested);
  }

  /**
   * The page asked nothing of any host but its own. URLs that never leave the browser (data:,
   * blob:, and the browser's own about: and chrome: pages, such as the new tab it starts on) are
   * not requests to a host; everything else must go to our server.
   */
  void assertOnlyOwnHostRequested() {
    List<String> urls = requestedUrls();
    assertThat(urls).as("requests made by the page").anyMatch(url -> url.startsWith(base));
    assertThat(urls)
        .as("every request to a host goes to %s", base)
        .allSatisfy(url -> assertThat(url.startsWith(base) || inBrowser(url)).as(url).isTrue());
  }

  /**
   * The page broke nothing of its Content-Security-Policy: the browser reports every refused inline
   * script or style, eval or foreign source on the console.
   */
  void assertPolicyKept() {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      console.add(entry.getMessage());
    }
    assertThat(console)
        .as("console messages about the Content-Security-Policy")
        .noneMatch(
            m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"));
  }

  /** How many documents the browser received so far, each with a Content-Security-Policy. */
  int documentsUnderPolicy() {
    return policy.documents();
  }

  /**
   * No script failed: an exception nothing caught (a view reading a field its answer lacks, say)
   * reaches the console as "Uncaught".
   */
  void assertNoScriptErrors() {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      console.add(entry.getMessage());
    }
    assertThat(console).as("uncaught script errors").noneMatch(m -> m.contains("Uncaught"));
  }

  /** Both: only its own host, and its Content-Security-Policy kept. */
  void assertSelfContained() {
    assertOnlyOwnHostRequested();
    assertPolicyKept();
  }

  private static boolean inBrowser(String url) {
    return url.startsWith("data:")
        || url.startsWith("blob:")
        || url.startsWith("about:")
        || url.startsWith("chrome:")
        || url.startsWith("chrome-untrusted:");
  }

  @Override
  public void close() {
    try {
      policy.close();
      driver.quit();
    } finally {
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp profile is harmless
    }
  }
}
