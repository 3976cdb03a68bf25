package io.firebell.systemtests.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Browser}'s helpers in real headless Chromium, on two pages of this module's test resources
 * ({@code browser/form.html}, a form whose answer appears a moment after submitting, and {@code
 * browser/inaccessible.html}): what they do, and that each fails saying what is on the page when
 * the page is not as expected.
 */
class BrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    browser = new Browser();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void fillsSelectsAndClicksByWhatIsOnScreen() {
    browser.desktop().open(page("form.html"));
    // "typed before" is in the field when the page loads: fillByLabel replaces it.
    browser
        .fillByLabel("Title", "Checkout fails")
        .select("Severity", "SEV3")
        .click("Declare")
        .waitForText("Declare: Checkout fails (SEV3)", WAIT);
    browser.fillByLabel("Title", "Card payments fail").click("Save draft");
    browser.waitForText("Save draft: Card payments fail (SEV3)", WAIT);
    browser.click("How declaring works").waitForText("How declaring works\nHow declaring", WAIT);
    assertThat(browser.title()).isEqualTo("Declare an incident");
  }

  @Test
  void failsSayingWhatThePageShows() {
    browser.desktop().open(page("form.html"));
    assertThatThrownBy(() -> browser.fillByLabel("Notes", "x"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the label \"Notes\" has no for attribute");
    assertThatThrownBy(() -> browser.fillByLabel("Summary", "x"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no label reads \"Summary\"")
        .hasMessageContaining("\"Title\", \"Severity\", \"Notes\"");
    assertThatThrownBy(() -> browser.select("Severity", "SEV9")).hasMessageContaining("SEV9");
    assertThatThrownBy(() -> browser.click("Resolve"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no button or link reads \"Resolve\"")
        .hasMessageContaining("Declare an incident");
    assertThatThrownBy(() -> browser.waitForText("Declared", Duration.ofMillis(300)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("did not show \"Declared\" within PT0.3S; it shows:\nDeclare an");
  }

  @Test
  void switchesBetweenADesktopAndAPhoneViewport() throws Exception {
    browser.open(page("form.html"));
    assertThat(browser.phone().viewportWidth()).isEqualTo(Browser.PHONE_WIDTH);
    assertThat(browser.scrollsSideways()).isFalse();
    Path phone = browser.screenshot(Files.createTempFile("browser-test", ".png"));
    assertThat(browser.desktop().viewportWidth()).isEqualTo(Browser.DESKTOP_WIDTH);
    Path desktop = browser.screenshot(Files.createTempFile("browser-test", ".png"));
    assertThat(pngWidth(phone)).isEqualTo(Browser.PHONE_WIDTH);
    assertThat(pngWidth(desktop)).isEqualTo(Browser.DESKTOP_WIDTH);
    Files.delete(phone);
    Files.delete(desktop);
  }

  @Test
  void accessibilityPassesAGoodPageAndNamesEachSeriousViolation() {
    browser.desktop().open(page("form.html")).accessibility("the form");
    browser.open(page("inaccessible.html"));
    assertThatThrownBy(() -> browser.accessibility("the bad page"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the bad page (file:")
        .hasMessageContaining("- color-contrast (serious)")
        .hasMessageContaining("- label (critical)")
        .hasMessageContaining("#unlabelled");
  }

  private static String page(String name) {
    try {
      return Path.of(BrowserTest.class.getResource("/browser/" + name).toURI()).toUri().toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A PNG's width, from its IHDR chunk (bytes 16-19, big-endian). */
  private static int pngWidth(Path png) throws Exception {
    byte[] b = Files.readAllBytes(png);
    return ((b[16] & 0xff) << 24) | ((b[17] & 0xff) << 16) | ((b[18] & 0xff) << 8) | (b[19] & 0xff);
  }
}
