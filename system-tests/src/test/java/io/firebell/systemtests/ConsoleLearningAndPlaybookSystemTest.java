package io.firebell.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.client.Http;
import io.firebell.systemtests.browser.Browser;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * What issue 18 added, reached from the console in a real browser against the whole suite, each
 * step asserting what the owning service stored (or the refusal the page shows): a partner report
 * declared with its partner (refused without one); the traffic-surge control and the suggestion
 * that follows it (scale out first); the room's isolate-with-evidence, hotfix-with-reason, replace
 * (one machine, a whole set) and restart-with-evidence-confirmed controls; the report's detection
 * gap and its suggested monitoring action item; the dashboard's availability per service, detection
 * gaps and weak spots; a subscription's incident-kind filter; an audience's own words. Every page
 * passes axe-core.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleLearningAndPlaybookSystemTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  static ConsoleSuite suite;
  static Browser mina; // responder and reviewer
  static Browser admin;
  static final Http http = new Http();
  static final String run = Long.toString(System.currentTimeMillis(), 36);
  static final List<String> pagesChecked = new ArrayList<>();
  static String partnerIncident;
  static String earlierIncident;
  static String customerIncident;

  @BeforeAll
  static void start() throws Exception {
    suite = new ConsoleSuite("console_learning", Map.of());
    mina = new Browser();
    admin = new Browser();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {mina, admin, suite}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          System.err.println("closing: " + e);
        }
      }
    }
    System.out.println("FIGURE console pages checked with axe-core: " + pagesChecked);
  }

  @Test
  @Order(1)
  void aPartnerReportIsRefusedWithoutItsPartnerThenDeclaredWithIt() {
    signIn(mina, "mina.park", "/incidents");
    mina.waitForText("Declare an incident", WAIT);
    mina.fillByLabel("Title", "Card payments fail at the PG " + run)
        .fillByLabel("Service", "payment-api")
        .select("How it came to light", "A partner reported it")
        .click("Declare")
        .waitForText("a partner report names the partner that reported it", WAIT);
    assertThat(mina.driver().findElement(By.id("declare-partner-error")).getText())
        .as("the refusal is next to the partner control")
        .contains("a partner report names the partner");
    assertThat(mina.driver().findElement(By.id("declare-title")).getDomProperty("value"))
        .as("what was typed is kept")
        .isEqualTo("Card payments fail at the PG " + run);
    check(mina, "incidents, partner refused");

    mina.fillByLabel("Partner (for a partner report)", "pg-kcp")
        .click("Declare")
        .waitForText("Partner", WAIT)
        .waitForText("pg-kcp", WAIT);
    partnerIncident = incidentIdIn(mina.url());
    JsonNode stored = incident(partnerIncident);
    assertThat(stored.path("detectionMethod").asText()).isEqualTo("partner_report");
    assertThat(stored.path("partner").asText()).isEqualTo("pg-kcp");
    assertThat(stored.path("services").path(0).asText()).isEqualTo("payment-api");
  }

  @Test
  @Order(2)
  void theTrafficSurgeControlTurnsTheSuggestionToScaleOutFirstAndBack() {
    mina.open(suite.consoleUrl() + "/incidents/" + partnerIncident)
        .waitForText("Not known whether traffic surged.", WAIT);
    assertThat(mina.text()).doesNotContain("scale out: traffic surged");

    mina.select("Is traffic surging?", "Yes: traffic surged")
        .click("Save traffic surge")
        .waitForText("Traffic surge saved", WAIT)
        .waitForText("scale out: traffic surged", WAIT);
    assertThat(incident(partnerIncident).path("trafficSurge").asBoolean()).isTrue();
    check(mina, "incident room, traffic surge");

    mina.select("Is traffic surging?", "No: ruled out")
        .click("Save traffic surge")
        .waitForText("No traffic surge", WAIT);
    JsonNode ruledOut = incident(partnerIncident);
    assertThat(ruledOut.path("trafficSurge").isBoolean()).isTrue();
    assertThat(ruledOut.path("trafficSurge").asBoolean()).isFalse();
    assertThat(ruledOut.path("recoverySuggestion").path("first").asText())
        .isNotEqualTo("scale_out");
    assertThat(mina.text()).doesNotContain("scale out: traffic surged");
  }

  @Test
  @Order(3)
  void anIsolationKeepsItsEvidenceAndIsRefusedWithoutWhereItIs() {
    mina.fillByLabel("Instance", "payment-api-7f9c")
        .fillByLabel("Why", "returns 5xx; out of the load balancer")
        .select("Evidence kept", "A snapshot")
        .click("Record isolation")
        .waitForText("must not be blank", WAIT);
    assertThat(mina.driver().findElement(By.id("isolate-evidence-error")).getText())
        .as("the refusal is next to where the evidence is")
        .contains("must not be blank");
    check(mina, "incident room, isolation refused");

    mina.fillByLabel("Where the evidence is", "snap-0f12")
        .click("Record isolation")
        .waitForText("Recovery action recorded.", WAIT);
    JsonNode isolate = action(partnerIncident, "isolate");
    assertThat(isolate.path("instance").asText()).isEqualTo("payment-api-7f9c");
    assertThat(isolate.path("evidence").path("kind").asText()).isEqualTo("snapshot");
    assertThat(isolate.path("evidence").path("reference").asText()).isEqualTo("snap-0f12");
    assertThat(mina.text()).contains("evidence kept: snapshot snap-0f12");
  }

  @Test
  @Order(4)
  void aHotfixSaysWhyItIsNotARollback() {
    mina.fillByLabel("What the fix does", "Retry the PG's 502 once")
        .select("Why not a rollback", "It is clearly faster")
        .click("Record hotfix")
        .waitForText("say why in a sentence", WAIT);
    assertThat(mina.driver().findElement(By.id("hotfix-reason-detail-error")).getText())
        .contains("say why in a sentence");
    check(mina, "incident room, hotfix refused");

    mina.fillByLabel("The reason in a sentence", "The PG's outage is not ours to roll back")
        .click("Record hotfix")
        .waitForText("Recovery action recorded.", WAIT);
    JsonNode hotfix = action(partnerIncident, "hotfix");
    assertThat(hotfix.path("hotfixReason").asText()).isEqualTo("faster");
    assertThat(hotfix.path("hotfixReasonDetail").asText())
        .isEqualTo("The PG's outage is not ours to roll back");
    assertThat(hotfix.path("status").asText()).isEqualTo("planned");
  }

  @Test
  @Order(5)
  void aReplaceNamesOneMachineOrAWholeSetNotBoth() {
    mina.select("Kind", "replace")
        .fillByLabel("What was done", "Replaced the node with a bad disk")
        .fillByLabel("Machine replaced (replace only)", "payment-api-7f9c")
        .fillByLabel("Or the whole identical set replaced (replace only)", "payment-api-blue")
        .click("Record action")
        .waitForText("not both", WAIT);
    assertThat(mina.driver().findElement(By.id("other-instance-set-error")).getText())
        .contains("not both");
    check(mina, "incident room, replace refused");

    mina.fillByLabel("Machine replaced (replace only)", "")
        .click("Record action")
        .waitForText("Recovery action recorded.", WAIT);
    JsonNode set = action(partnerIncident, "replace");
    assertThat(set.path("instanceSet").asText()).isEqualTo("payment-api-blue");
    assertThat(set.path("instance").asText(null)).isNull();

    mina.select("Kind", "replace")
        .fillByLabel("What was done", "Replaced one node")
        .fillByLabel("Machine replaced (replace only)", "payment-api-2a1b")
        .click("Record action")
        .waitForText("Recovery action recorded.", WAIT);
    assertThat(actions(partnerIncident, a -> a.path("kind").asText().equals("replace")))
        .extracting(a -> a.path("instance").asText(null))
        .contains("payment-api-2a1b");
  }

  @Test
  @Order(6)
  void aRestartWaitsForTheConfirmationThatEvidenceIsKept() {
    mina.select("Kind", "restart")
        .fillByLabel("What was done", "Restarted payment-api")
        .click("Record action")
        .waitForText("confirm that evidence is kept", WAIT);
    assertThat(mina.driver().findElement(By.id("other-evidence-kept-error")).getText())
        .contains("confirm that evidence is kept");
    assertThat(actions(partnerIncident, a -> a.path("kind").asText().equals("restart"))).isEmpty();
    check(mina, "incident room, restart refused");

    mina.tick("Evidence (a dump, a snapshot) is kept (restart only)")
        .click("Record action")
        .waitForText("Recovery action recorded.", WAIT);
    JsonNode restart = action(partnerIncident, "restart");
    assertThat(restart.path("evidenceKept").asBoolean()).isTrue();
    assertThat(restart.path("summary").asText()).isEqualTo("Restarted payment-api");
  }

  @Test
  @Order(7)
  void aCustomerFoundIncidentsReportShowsItsDetectionGapAndAddsTheSuggestedItem() {
    String responder = suite.token("responder");
    // An earlier incident on order-api with an action item still open: the weak spot's history.
    earlierIncident =
        http.post(
                suite.url("incident") + "/v1/incidents",
                responder,
                Http.map(
                    "title",
                    "Order pool exhausted " + run,
                    "service",
                    "order-api",
                    "occurredAt",
                    Instant.now().minus(3, ChronoUnit.HOURS).toString(),
                    "detectedAt",
                    Instant.now().minus(3, ChronoUnit.HOURS).toString()))
            .expect(201)
            .json()
            .path("id")
            .asText();
    resolve(earlierIncident);
    awaitReport(earlierIncident);
    http.post(
            suite.url("review") + "/v1/reports/" + earlierIncident + "/action-items",
            suite.token("reviewer"),
            Http.map(
                "title", "Bound the order-api pool " + run,
                "kind", "code",
                "horizon", "mid",
                "owner", "sam@firebell.example"))
        .expect(201);

    mina.open(suite.consoleUrl() + "/incidents").waitForText("Declare an incident", WAIT);
    mina.fillByLabel("Title", "Customers cannot pay for orders " + run)
        .fillByLabel("Service", "order-api")
        .select("How it came to light", "Customer inquiries (CS desk)")
        .click("Declare")
        .waitForText("cs inquiry", WAIT);
    customerIncident = incidentIdIn(mina.url());
    assertThat(incident(customerIncident).path("detectionMethod").asText()).isEqualTo("cs_inquiry");
    resolve(customerIncident);
    awaitReport(customerIncident);

    String report = suite.consoleUrl() + "/incidents/" + customerIncident + "/report";
    long deadline = System.nanoTime() + WAIT.toNanos();
    do {
      mina.open(report);
    } while (!mina.text().contains("Detection gap") && System.nanoTime() < deadline);
    mina.waitForText("customers found it first", WAIT)
        .waitForText("Add monitoring for order-api: customers found it first", WAIT);
    check(mina, "report, detection gap");
    mina.fillByLabel("Owner of the monitoring item", "mina.park@firebell.example")
        .click("Add the suggested action item")
        .waitForText("Action item added.", WAIT);
    JsonNode items =
        http.get(suite.url("review") + "/v1/reports/" + customerIncident, suite.token("viewer"))
            .expect(200)
            .json()
            .path("actionItems");
    assertThat(items).hasSize(1);
    assertThat(items.path(0).path("title").asText())
        .isEqualTo("Add monitoring for order-api: customers found it first");
    assertThat(items.path(0).path("kind").asText()).isEqualTo("monitoring_alerting");
    assertThat(items.path(0).path("horizon").asText()).isEqualTo("short");
    assertThat(items.path(0).path("owner").asText()).isEqualTo("mina.park@firebell.example");
    assertThat(mina.text())
        .contains("Monitoring action items so far: Add monitoring for order-api");
  }

  @Test
  @Order(8)
  void theDashboardShowsAvailabilityDetectionGapsAndWeakSpots() {
    String dashboard = suite.consoleUrl() + "/dashboard?weeks=4";
    String earlierRef = incident(earlierIncident).path("reference").asText();
    String customerRef = incident(customerIncident).path("reference").asText();
    long deadline = System.nanoTime() + WAIT.toNanos();
    do {
      mina.open(dashboard);
    } while (!(mina.text().contains("Bound the order-api pool " + run)
            && mina.text().contains("payment-api"))
        && System.nanoTime() < deadline);
    mina.waitForText("Availability per service", WAIT);
    String availability = section("availability-heading");
    assertThat(availability).contains("order-api", "payment-api", "%");
    String gaps = section("gaps-heading");
    assertThat(gaps)
        .contains(customerRef, "customers found it first")
        .contains("Add monitoring for order-api: customers found it first");
    String weak = section("weak-spots-heading");
    assertThat(weak)
        .contains("order-api", earlierRef, "open: Bound the order-api pool " + run)
        .contains("Incidents: 2");
    check(mina, "dashboard, learning");
  }

  @Test
  @Order(9)
  void aSubscriptionListensOnlyToTheKindsOfIncidentChosen() {
    String adminToken = suite.token("admin");
    String audience = "riders_" + run;
    http.post(
            suite.url("broadcast") + "/v1/audiences",
            adminToken,
            Http.map(
                "key",
                audience,
                "name",
                "Riders " + run,
                "scope",
                "external",
                "register",
                "service"))
        .expect(201);
    JsonNode endpoint =
        http.post(
                suite.url("broadcast") + "/v1/endpoints",
                adminToken,
                Http.map(
                    "name",
                    "rider-app-" + run,
                    "kind",
                    "webhook",
                    "url",
                    suite.receiver.url("/hooks/riders")))
            .expect(201)
            .json();
    suite.receiver.secret("/hooks/riders", endpoint.path("secret").asText(null));

    signIn(admin, "admin", "/admin/subscriptions");
    admin.waitForText("Add subscription", WAIT);
    admin
        .select("Audience", "Riders " + run + " (external)")
        .select("Endpoint", "rider-app-" + run + " (webhook)")
        .fillByLabel("Only these kinds of incident (optional)", "partner_report, fax")
        .click("Add subscription")
        .waitForText("each must be one of", WAIT);
    assertThat(admin.driver().findElement(By.id("subscription-kinds-error")).getText())
        .contains("each must be one of");
    check(admin, "subscriptions, kind refused");

    admin
        .fillByLabel("Only these kinds of incident (optional)", "partner_report, cs_inquiry")
        .click("Add subscription")
        .waitForText("Subscription added.", WAIT);
    JsonNode subscription = null;
    for (JsonNode s :
        http.get(suite.url("broadcast") + "/v1/subscriptions", adminToken).expect(200).json()) {
      if (s.path("audience").asText().equals(audience)) {
        subscription = s;
      }
    }
    assertThat(subscription).as("the subscription of %s", audience).isNotNull();
    assertThat(subscription.path("kinds"))
        .extracting(JsonNode::asText)
        .containsExactly("partner_report", "cs_inquiry");
    assertThat(subscription.path("endpointId").asText()).isEqualTo(endpoint.path("id").asText());
  }

  @Test
  @Order(10)
  void anAudienceGetsItsOwnWordsAndAnUnusableTemplateIsRefused() {
    String audience = "riders_" + run;
    admin
        .open(suite.consoleUrl() + "/admin/audiences/" + audience)
        .waitForText("Save audience", WAIT);
    admin
        .fillByLabel("Its own words for updates (optional)", "Dear rider, {u.headline")
        .click("Save audience")
        .waitForText("the update template cannot be used", WAIT);
    assertThat(admin.driver().findElement(By.id("edit-audience-template-error")).isDisplayed())
        .isTrue();
    assertThat(admin.driver().findElement(By.id("edit-audience-template")).getDomProperty("value"))
        .as("what was typed is kept")
        .isEqualTo("Dear rider, {u.headline");
    check(admin, "audience, template refused");

    String words = "Dear rider, {u.headline} {u.impact} We will tell you by {u.nextUpdate}.";
    admin
        .fillByLabel("Its own words for updates (optional)", words)
        .click("Save audience")
        .waitForText("Audience saved.", WAIT);
    assertThat(
            http.get(suite.url("broadcast") + "/v1/audiences/" + audience, suite.token("admin"))
                .expect(200)
                .json()
                .path("updateTemplate")
                .asText())
        .isEqualTo(words);
  }

  // ------------------------------------------------------------------------------------------

  static void signIn(Browser b, String username, String next) {
    suite.signIn(b, username, next, WAIT, () -> {});
  }

  /** axe-core on the page the browser shows. */
  static void check(Browser b, String page) {
    b.accessibility(page);
    if (!pagesChecked.contains(page)) {
      pagesChecked.add(page);
    }
  }

  static String incidentIdIn(String url) {
    String id = url.replaceAll(".*/incidents/([0-9a-f-]{36}).*", "$1");
    assertThat(id).as(url).hasSize(36);
    return id;
  }

  static JsonNode incident(String id) {
    return http.get(suite.url("incident") + "/v1/incidents/" + id, suite.token("viewer"))
        .expect(200)
        .json();
  }

  static List<JsonNode> actions(String incidentId, Predicate<JsonNode> which) {
    List<JsonNode> found = new ArrayList<>();
    http.get(
            suite.url("incident") + "/v1/incidents/" + incidentId + "/actions",
            suite.token("viewer"))
        .expect(200)
        .json()
        .forEach(
            a -> {
              if (which.test(a)) {
                found.add(a);
              }
            });
    return found;
  }

  /** The latest action of {@code kind} incident-service stored for the incident. */
  static JsonNode action(String incidentId, String kind) {
    List<JsonNode> found = actions(incidentId, a -> a.path("kind").asText().equals(kind));
    assertThat(found).as("a %s action", kind).isNotEmpty();
    return found.get(found.size() - 1);
  }

  static void resolve(String incidentId) {
    http.post(
            suite.url("incident") + "/v1/incidents/" + incidentId + "/transitions",
            suite.token("responder"),
            Http.map("to", "resolved", "recoveryMethod", "scale_out"))
        .expect(200);
  }

  /** Waits until review-service has drafted the incident's report (it learns from Kafka). */
  static void awaitReport(String incidentId) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (http.get(suite.url("review") + "/v1/reports/" + incidentId, suite.token("viewer"))
              .status()
          == 200) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("review-service drafted no report for " + incidentId);
  }

  /** The text of the dashboard section that starts at the heading {@code headingId}. */
  static String section(String headingId) {
    return (String)
        mina.driver()
            .executeScript(
                "const h = document.getElementById(arguments[0]); let text = h.innerText;"
                    + " for (let e = h.nextElementSibling; e && e.tagName !== 'H2';"
                    + " e = e.nextElementSibling) { text += '\\n' + e.innerText; }"
                    + " return text;",
                headingId);
  }
}
