package io.firebell.systemtests.browser;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * Headless Chromium driven the way a person uses a page: by the words on screen (labels, button and
 * link texts), never by CSS paths. Debian's {@code chromium} and {@code chromedriver} (which {@code
 * scripts/ensure-browser} installs); the driver's path is given explicitly, so Selenium Manager
 * never looks for or downloads one. Each browser has a fresh profile, deleted on close.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final int DESKTOP_WIDTH = 1280;
  public static final int DESKTOP_HEIGHT = 900;
  public static final int PHONE_WIDTH = 375;
  public static final int PHONE_HEIGHT = 812;

  private static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21aa");
  private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");
  private static final Duration POLL = Duration.ofMillis(100);

  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  /** Starts headless Chromium with a {@value #DESKTOP_WIDTH}x{@value #DESKTOP_HEIGHT} window. */
  public Browser() throws IOException {
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException(p + " is missing: run scripts/ensure-browser");
      }
    }
    profile = Files.createTempDirectory("firebell-chromium-");
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
        "--user-data-dir=" + profile,
        "--window-size=" + DESKTOP_WIDTH + "," + DESKTOP_HEIGHT);
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      deleteProfile();
      throw e;
    }
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    // Every open() shows what the server answers now, whatever its Cache-Control says.
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
  }

  /** Goes to {@code url} and waits until it has loaded. */
  public Browser open(String url) {
    driver.get(url);
    return this;
  }

  /** Types {@code value} into the control whose {@code <label>} reads {@code labelText}. */
  public Browser fillByLabel(String labelText, String value) {
    WebElement control = controlLabelled(labelText);
    control.clear();
    control.sendKeys(value);
    return this;
  }

  /**
   * Chooses {@code optionText} in the {@code <select>} whose {@code <label>} reads {@code
   * labelText}.
   */
  public Browser select(String labelText, String optionText) {
    new Select(controlLabelled(labelText)).selectByVisibleText(optionText);
    return this;
  }

  /**
   * Ticks the checkbox (or chooses the radio button) whose {@code <label>} reads {@code labelText}.
   */
  public Browser tick(String labelText) {
    WebElement control = controlLabelled(labelText);
    if (!control.isSelected()) {
      control.click();
    }
    return this;
  }

  /**
   * Clicks the button, submit input or link that reads {@code text} inside the element with id
   * {@code containerId} (a form, an article, a table row…), when the page has several.
   */
  public Browser clickIn(String containerId, String text) {
    WebElement container = driver.findElement(By.id(containerId));
    for (WebElement e : container.findElements(By.cssSelector("button, input[type=submit], a"))) {
      String shown = "input".equals(e.getTagName()) ? e.getDomAttribute("value") : e.getText();
      if (e.isDisplayed() && shown != null && text.equals(shown.strip())) {
        e.click();
        return this;
      }
    }
    throw new AssertionError(
        "no button or link reads \""
            + text
            + "\" in #"
            + containerId
            + ":\n"
            + container.getText());
  }

  /**
   * Marks the page as it is now, so that {@link #stillTheSamePage()} can tell a live update (the
   * mark stays) from a reload or a navigation (the mark is gone).
   */
  public Browser markPage() {
    driver.executeScript("window.__firebellMark = 'unchanged';");
    return this;
  }

  /**
   * Whether the page marked by {@link #markPage()} is still the one shown (it was not reloaded).
   */
  public boolean stillTheSamePage() {
    return "unchanged".equals(driver.executeScript("return window.__firebellMark;"));
  }

  /** Waits until the page's live updates are connected (console.js sets the mark). */
  public Browser waitForLive(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!"true"
        .equals(
            driver.executeScript(
                "return document.documentElement.getAttribute('data-live-connected');"))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(driver.getCurrentUrl() + " never connected its live updates");
      }
      sleep(POLL);
    }
    return this;
  }

  /** The current address. */
  public String url() {
    return driver.getCurrentUrl();
  }

  /** Clicks the visible button, submit input or link that reads {@code text}. */
  public Browser click(String text) {
    List<WebElement> candidates =
        driver.findElements(By.cssSelector("button, input[type=submit], a"));
    for (WebElement e : candidates) {
      String shown = "input".equals(e.getTagName()) ? e.getDomAttribute("value") : e.getText();
      if (e.isDisplayed() && shown != null && text.equals(shown.strip())) {
        e.click();
        return this;
      }
    }
    throw new AssertionError(
        "no button or link reads \"" + text + "\" on " + driver.getCurrentUrl() + ":\n" + text());
  }

  /** Waits until the page shows {@code text}; fails with what the page shows instead. */
  public Browser waitForText(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String shown = "";
    while (true) {
      try {
        shown = text();
      } catch (WebDriverException e) {
        // The page is being replaced (a navigation after a click): look again.
      }
      if (shown.contains(text)) {
        return this;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            driver.getCurrentUrl()
                + " did not show \""
                + text
                + "\" within "
                + timeout
                + "; it shows:\n"
                + shown);
      }
      sleep(POLL);
    }
  }

  /** The page's visible text. */
  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** The window's title. */
  public String title() {
    return driver.getTitle();
  }

  /** Renders the viewport at {@value #PHONE_WIDTH}x{@value #PHONE_HEIGHT} CSS px as a phone. */
  public Browser phone() {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of(
            "width", PHONE_WIDTH, "height", PHONE_HEIGHT, "deviceScaleFactor", 1, "mobile", true));
    return this;
  }

  /** Back to the {@value #DESKTOP_WIDTH}x{@value #DESKTOP_HEIGHT} window. */
  public Browser desktop() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    return this;
  }

  /** The viewport's width in CSS pixels. */
  public long viewportWidth() {
    return (Long) driver.executeScript("return window.innerWidth");
  }

  /** Whether the page is wider than the viewport, so a reader has to scroll sideways. */
  public boolean scrollsSideways() {
    return (Boolean)
        driver.executeScript(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
  }

  /** Saves the whole page (not only the viewport), as wide as the viewport, as a PNG. */
  public Path screenshot(Path png) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> size =
        (Map<String, Object>)
            driver.executeScript(
                "return {width: document.documentElement.clientWidth,"
                    + " height: document.documentElement.scrollHeight}");
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "format",
                "png",
                "captureBeyondViewport",
                true,
                "clip",
                Map.of(
                    "x",
                    0,
                    "y",
                    0,
                    "width",
                    size.get("width"),
                    "height",
                    size.get("height"),
                    "scale",
                    1)));
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
    return png;
  }

  /**
   * Runs axe-core (WCAG 2.0 A and AA, 2.1 AA) on the page as it is now and fails, naming {@code
   * pageName}, with every serious or critical violation: rule, impact, help and the elements.
   */
  public Browser accessibility(String pageName) {
    Results results = new AxeBuilder().withTags(AXE_TAGS).analyze(driver);
    if (results.isErrored()) {
      throw new AssertionError("axe-core failed on " + pageName + ": " + results.getErrorMessage());
    }
    List<Rule> blocking =
        results.getViolations().stream()
            .filter(r -> BLOCKING_IMPACTS.contains(r.getImpact()))
            .toList();
    if (!blocking.isEmpty()) {
      throw new AssertionError(
          pageName
              + " ("
              + driver.getCurrentUrl()
              + ", "
              + viewportWidth()
              + " px wide) has serious or critical accessibility violations:\n"
              + blocking.stream().map(Browser::describe).collect(Collectors.joining("\n")));
    }
    return this;
  }

  /** The driver, for what the helpers above do not cover. */
  public ChromeDriver driver() {
    return driver;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteProfile();
    }
  }

  private WebElement controlLabelled(String labelText) {
    List<WebElement> labels = driver.findElements(By.tagName("label"));
    for (WebElement label : labels) {
      if (labelText.equals(label.getText().strip())) {
        String id = label.getDomAttribute("for");
        if (id == null || id.isBlank()) {
          throw new AssertionError("the label \"" + labelText + "\" has no for attribute");
        }
        List<WebElement> controls = driver.findElements(By.id(id));
        if (controls.isEmpty()) {
          throw new AssertionError(
              "the label \"" + labelText + "\" is for #" + id + ", which is not on the page");
        }
        return controls.get(0);
      }
    }
    throw new AssertionError(
        "no label reads \""
            + labelText
            + "\" on "
            + driver.getCurrentUrl()
            + "; the labels are: "
            + labels.stream().map(l -> "\"" + l.getText().strip() + "\"").toList());
  }

  private static String describe(Rule rule) {
    return "- "
        + rule.getId()
        + " ("
        + rule.getImpact()
        + "): "
        + rule.getHelp()
        + " "
        + rule.getHelpUrl()
        + rule.getNodes().stream()
            .map(
                n ->
                    "\n    "
                        + n.getTarget()
                        + ": "
                        + String.valueOf(n.getFailureSummary()).replaceAll("\\s*\n\\s*", " "))
            .collect(Collectors.joining());
  }

  private void deleteProfile() throws IOException {
    try (Stream<Path> paths = Files.walk(profile)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
