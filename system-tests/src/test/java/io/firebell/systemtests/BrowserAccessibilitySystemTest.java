package io.firebell.systemtests;

import static io.firebell.client.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.client.Http;
import io.firebell.client.JwtMinter;
import io.firebell.systemtests.browser.Browser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * broadcast-service's public status page in a real browser (headless Chromium, {@link Browser}), as
 * the public reads it on a desktop (1280 px) and on a phone (375 px): what it shows, that it fits a
 * phone without sideways scrolling, and that axe-core finds no serious or critical WCAG 2.1 AA
 * violation — first with nothing going on, then with a SEV3 incident and its external update. The
 * incident is declared in incident-service, which broadcast-service learns of from Kafka. The
 * screenshots land in {@code system-tests/target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserAccessibilitySystemTest {

  private static final Path SCREENSHOTS =
      SuiteProcesses.ROOT.resolve("system-tests/target/screenshots");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static SuiteProcesses processes;
  private static SuiteProcesses.Service incident;
  private static SuiteProcesses.Service broadcast;
  private static JwtMinter tokens;
  private static Browser browser;
  private final Http http = new Http();

  @BeforeAll
  static void start() throws Exception {
    tokens = JwtMinter.testKey(SuiteProcesses.ROOT);
    processes = new SuiteProcesses("browser");
    processes.startFreshKafka();
    SuiteProcesses.freshDatabase("incident", "firebell_incident_browser");
    SuiteProcesses.freshDatabase("broadcast", "firebell_broadcast_browser");
    incident = processes.startService("incident", "firebell_incident_browser", Map.of());
    broadcast =
        processes.startService(
            "broadcast",
            "firebell_broadcast_browser",
            Map.of("FIREBELL_BROADCAST_STATUS_COMPONENTS", "Ordering,Payments,Delivery tracking"));
    browser = new Browser();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (processes != null) {
        processes.close();
      }
    }
  }

  @Test
  @Order(1)
  void allClearReadsWellOnADesktopAndAPhone() throws Exception {
    browser.desktop().open(broadcast.url() + "/status").waitForText("Firebell status", WAIT);
    assertThat(browser.viewportWidth()).isEqualTo(Browser.DESKTOP_WIDTH);
    assertThat(browser.title()).isEqualTo("Firebell status");
    assertThat(browser.text())
        .contains("All Systems Operational", "No current incidents", "Ordering", "Payments")
        .contains("Delivery tracking");
    browser.accessibility("the status page, all clear, desktop");
    browser.screenshot(SCREENSHOTS.resolve("status-all-clear-1280.png"));

    browser.phone().open(broadcast.url() + "/status").waitForText("No current incidents", WAIT);
    assertThat(browser.viewportWidth()).isEqualTo(Browser.PHONE_WIDTH);
    assertThat(browser.scrollsSideways()).as("the page scrolls sideways at 375 px").isFalse();
    browser.accessibility("the status page, all clear, phone");
    browser.screenshot(SCREENSHOTS.resolve("status-all-clear-375.png"));
  }

  @Test
  @Order(2)
  void anIncidentAndItsUpdateReadWellOnADesktopAndAPhone() throws Exception {
    String id =
        http.post(
                incident.url() + "/v1/incidents",
                tokens.mint("browser-responder", "responder"),
                map(
                    "title", "order-api p99 above 2 s",
                    "service", "Ordering",
                    "domain", "order",
                    "severity", "SEV3"))
            .expect(201)
            .text("id");
    Instant expected = Instant.now().plus(40, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
    Map<String, Object> update =
        map(
            "status", "identified",
            "impact", "Some customers cannot place orders in the app. Card payments may fail.",
            "expectedRecoveryAt", expected.toString(),
            "followUpActions",
                List.of("Orders that failed are cancelled and their payments refunded in 3 days"),
            "audiences", List.of("customers"));
    String communicator = tokens.mint("browser-communicator", "communicator");
    String updates = broadcast.url() + "/v1/incidents/" + id + "/updates";
    // broadcast-service knows the incident once it has consumed incident.declared (404 until then).
    long deadline = System.nanoTime() + WAIT.toNanos();
    Http.Response posted;
    while ((posted = http.post(updates, communicator, update)).status() == 404
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    posted.expect(201);

    browser.desktop().open(broadcast.url() + "/status").waitForText("Current incidents", WAIT);
    assertThat(browser.text())
        .contains("Minor Service Outage")
        .contains("Some customers cannot place orders in the app.")
        .contains("Orders that failed are cancelled and their payments refunded in 3 days")
        .contains("Degraded performance")
        .doesNotContain("order-api p99 above 2 s");
    browser.accessibility("the status page with an incident, desktop");
    browser.screenshot(SCREENSHOTS.resolve("status-incident-1280.png"));

    browser.phone().open(broadcast.url() + "/status").waitForText("Current incidents", WAIT);
    assertThat(browser.scrollsSideways()).as("the page scrolls sideways at 375 px").isFalse();
    browser.accessibility("the status page with an incident, phone");
    browser.screenshot(SCREENSHOTS.resolve("status-incident-375.png"));
  }
}
