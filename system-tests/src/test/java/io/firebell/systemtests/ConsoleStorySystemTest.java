package io.firebell.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.client.Alertmanager;
import io.firebell.client.Http;
import io.firebell.client.Integrations;
import io.firebell.client.JwtMinter;
import io.firebell.client.OnCall;
import io.firebell.systemtests.browser.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The demo's story played through the console in a real browser, as people would: two people sign
 * in, an Alertmanager storm shows up in Triage without a reload, the group is declared, the roles
 * are split (the same person as recovery lead and communications lead is refused on screen), the
 * fire alarm appears in the room's timeline, an external update without an expected recovery time
 * is refused with the missing item named and then sent and seen delivered, the rollback candidate
 * is recorded as rolled back, the incident is resolved, the 5 Whys and action items are filled in,
 * the report is published and the review scheduled. Each step asserts what is on the screen, and
 * every page passes axe-core. The services trust only the console's key set, so each action also
 * proves a console-signed token is accepted. Screenshots of triage, the room and the composer are
 * written to docs/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleStorySystemTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final Path DOCS = SuiteProcesses.ROOT.resolve("docs");

  static ConsoleSuite suite;
  static Browser joon; // responder and communicator
  static Browser mina; // responder and reviewer
  static final Http http = new Http();
  static final String run = Long.toString(System.currentTimeMillis(), 36);
  static String monitoringToken;
  static String incidentId;
  static final List<String> pagesChecked = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    suite = new ConsoleSuite("console", Map.of());
    setUpTheCompany();
    joon = new Browser();
    mina = new Browser();
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {joon, mina, suite}) {
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

  /** What an admin would have configured: a route, the catalog, a change, stakeholders. */
  static void setUpTheCompany() {
    String admin = suite.token("admin");
    String responder = suite.token("responder");
    monitoringToken =
        new Integrations(http, suite.url("detection"), admin)
            .create("console-alertmanager-" + run, "alertmanager");
    OnCall onCall = new OnCall(http, suite.url("detection"), admin);
    for (String[] p :
        List.of(new String[] {"joon.kim", "Joon Kim"}, new String[] {"mina.park", "Mina Park"})) {
      String path = "/pages/" + p[0];
      suite.receiver.secret(path, onCall.person(p[0], p[1], suite.receiver.url(path)));
    }
    onCall.domain(
        "order",
        "Ordering: cart, checkout and the order API",
        onCall.policy("order-" + run, List.of(OnCall.level("person", "joon.kim", 300)), 1));
    http.post(
            suite.url("detection") + "/v1/routes",
            admin,
            Http.map(
                "name",
                "console-order-api",
                "position",
                1,
                "matchers",
                List.of("domain=\"order\"", "alertname=~\"OrderApi.*\""),
                "domain",
                "order",
                "service",
                "order-api",
                "kind",
                "system",
                "groupBy",
                List.of("domain", "story_run"),
                "autoDeclare",
                false,
                "page",
                false))
        .expect(201);
    http.put(
            suite.url("incident") + "/v1/services/order-api",
            responder,
            Http.map("domain", "order", "owners", List.of("order-team"), "dependencies", List.of()))
        .expect(200, 201);
    http.post(
            suite.url("incident") + "/v1/changes",
            responder,
            Http.map(
                "kind", "config",
                "service", "order-api",
                "summary", "order-api: DB connection pool 40 → 20",
                "version", "cfg-1.42-" + run,
                "fromVersion", "cfg-1.41",
                "author", "minsu.kim",
                "occurredAt",
                    Instant.now()
                        .minus(3, ChronoUnit.HOURS)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString()))
        .expect(201);
    for (String[] e :
        List.of(
            new String[] {"dev_org", "dev-org-chat", "slack", "/slack/dev-org"},
            new String[] {"customers", "customer-app", "webhook", "/hooks/customers"})) {
      JsonNode endpoint =
          http.post(
                  suite.url("broadcast") + "/v1/endpoints",
                  admin,
                  Http.map("name", e[1], "kind", e[2], "url", suite.receiver.url(e[3])))
              .expect(201)
              .json();
      suite.receiver.secret(e[3], endpoint.path("secret").asText(null));
      http.post(
              suite.url("broadcast") + "/v1/subscriptions",
              admin,
              Http.map(
                  "audience",
                  e[0],
                  "endpointId",
                  endpoint.path("id").asText(),
                  "domains",
                  List.of("order")))
          .expect(201);
    }
  }

  // ------------------------------------------------------------------------------------------

  @Test
  @Order(1)
  void theServicesTrustTheConsolesKeySetAndRefuseAnExpiredToken() throws Exception {
    JsonNode jwks =
        http.get(suite.consoleUrl() + "/.well-known/jwks.json", null).expect(200).json();
    assertThat(jwks.path("keys")).hasSize(1);
    assertThat(jwks.path("keys").path(0).path("kid").asText()).isEqualTo(suite.tokens.keyId());
    String incidents = suite.url("incident") + "/v1/incidents";
    Instant now = Instant.now();
    String fresh =
        suite.tokens.mint(
            new JwtMinter.Claims(
                "t@firebell.test", "t", List.of("viewer"), now, now.plusSeconds(60)));
    assertThat(http.get(incidents, fresh).status()).isEqualTo(200);
    String expired =
        suite.tokens.mint(
            new JwtMinter.Claims(
                "t@firebell.test",
                "t",
                List.of("viewer"),
                now.minus(10, ChronoUnit.MINUTES),
                now.minus(5, ChronoUnit.MINUTES)));
    assertThat(http.get(incidents, expired).status()).isEqualTo(401);
    assertThat(http.get(incidents, otherKey().mint("t", "viewer")).status()).isEqualTo(401);
  }

  /** A minter with a key the console never published. */
  private static JwtMinter otherKey() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    Path pem = Files.createTempFile("other-key", ".pem");
    Files.writeString(
        pem,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder()
                .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    try {
      return JwtMinter.fromPem(pem).withThumbprintKeyId();
    } finally {
      Files.delete(pem);
    }
  }

  @Test
  @Order(2)
  void twoPeopleSignIn() {
    signIn(joon, "joon.kim", "/incidents");
    joon.waitForText("Joon Kim", WAIT).waitForText("Declare an incident", WAIT);
    check(joon, "incidents");
    signIn(mina, "mina.park", "/incidents");
    mina.waitForText("Mina Park", WAIT);
  }

  @Test
  @Order(3)
  void theStormShowsUpInTriageLiveAndIsDeclared() throws Exception {
    joon.open(suite.consoleUrl() + "/triage?domain=order").waitForText("Triage", WAIT);
    joon.waitForLive(WAIT).markPage();
    assertThat(joon.text()).doesNotContain("Alerts: 6");
    String firing = storm("firing");
    for (int resend = 0; resend < 2; resend++) {
      assertThat(
              http.post(suite.url("detection") + Alertmanager.INGEST_PATH, monitoringToken, firing)
                  .status())
          .isEqualTo(202);
    }
    joon.waitForText("Alerts: 6", WAIT);
    assertThat(joon.stillTheSamePage()).as("the group appeared without a reload").isTrue();
    assertThat(joon.text()).contains("Firing: 6", "Domain order");
    check(joon, "triage");
    joon.screenshot(DOCS.resolve("console-triage.png"));
    joon.click("Declare incident").waitForText("Open the incident room", WAIT);
    joon.click("Open the incident room").waitForText("INC-", WAIT);
    incidentId = joon.url().replaceAll(".*/incidents/([0-9a-f-]{36}).*", "$1");
    assertThat(incidentId).hasSize(36);
  }

  @Test
  @Order(4)
  void rolesAreSplitAndTheSamePersonForRecoveryAndCommunicationsIsRefused() {
    joon.waitForText("Roles", WAIT);
    check(joon, "incident room");
    joon.fillByLabel("Commander", "joon.kim").click("Assign commander");
    awaitIncident("commander", "joon.kim");
    joon.waitForText("Role assigned.", WAIT);
    joon.fillByLabel("Recovery lead", "mina.park").click("Assign recovery lead");
    awaitIncident("recoveryLead", "mina.park");
    joon.fillByLabel("Communications lead", "mina.park").click("Assign communications lead");
    joon.waitForText("must be", WAIT);
    assertThat(joon.text()).contains("communications lead");
    check(joon, "incident room, role refused");
    joon.fillByLabel("Communications lead", "joon.kim").click("Assign communications lead");
    awaitIncident("communicationsLead", "joon.kim");
    joon.waitForText("Role assigned.", WAIT);
  }

  /** Waits until incident-service shows {@code field} = {@code value} for the story's incident. */
  static void awaitIncident(String field, String value) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String seen = null;
    while (System.nanoTime() < deadline) {
      seen =
          http.get(suite.url("incident") + "/v1/incidents/" + incidentId, suite.token("viewer"))
              .expect(200)
              .json()
              .path(field)
              .asText(null);
      if (value.equals(seen)) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("the incident's " + field + " is " + seen + ", not " + value);
  }

  @Test
  @Order(5)
  void theFireAlarmIsInTheTimeline() {
    mina.open(suite.consoleUrl() + "/incidents/" + incidentId).waitForText("Fire alarm", WAIT);
    assertThat(mina.text()).contains("mina.park", "joon.kim");
  }

  @Test
  @Order(6)
  void anExternalUpdateWithoutAnEtaIsRefusedThenSentAndDelivered() throws Exception {
    joon.open(suite.consoleUrl() + "/incidents/" + incidentId + "/updates")
        .waitForText("Stakeholder updates for INC-", WAIT);
    check(joon, "update composer");
    joon.select("Status", "identified")
        .fillByLabel("Impact", "Some customers cannot place orders; retrying works for most.")
        .fillByLabel("Follow-up actions", "We are rolling back a configuration change.")
        .tick("Customers")
        .click("Send update")
        .waitForText("Cannot be sent yet. Missing: expected recovery", WAIT);
    assertThat(joon.text()).doesNotContain("Update sent to");
    assertThat(
            joon.driver()
                .findElement(org.openqa.selenium.By.id("update-impact"))
                .getDomProperty("value"))
        .as("what was typed is kept")
        .contains("Some customers cannot place orders");
    check(joon, "update composer, refused");
    joon.fillByLabel("Expected recovery (UTC)", "in 45 minutes")
        .click("Send update")
        .waitForText("Update sent to", WAIT)
        .waitForText("delivered", WAIT);
    check(joon, "update composer, delivered");
    joon.screenshot(DOCS.resolve("console-update-composer.png"));
    assertThat(suite.receiver.received("/hooks/customers"))
        .anySatisfy(m -> assertThat(m.mentions("Some customers cannot place orders")).isTrue());
  }

  @Test
  @Order(7)
  void theRollbackCandidateIsRecordedAsRolledBack() throws Exception {
    mina.open(suite.consoleUrl() + "/incidents/" + incidentId)
        .waitForText("order-api: DB connection pool 40 → 20", WAIT)
        .markPage();
    mina.click("Record rollback").waitForText("Rollback recorded: done", WAIT);
    check(mina, "incident room, recovery");
  }

  @Test
  @Order(8)
  void theIncidentIsResolved() throws Exception {
    mina.select("Move to", "Monitoring").click("Change status");
    awaitIncident("status", "monitoring");
    mina.waitForText("Status changed.", WAIT);
    mina.select("Move to", "Resolved")
        .select("How was service restored? (needed to resolve)", "rollback")
        .click("Change status");
    awaitIncident("status", "resolved");
    JsonNode incident =
        http.get(suite.url("incident") + "/v1/incidents/" + incidentId, suite.token("viewer"))
            .expect(200)
            .json();
    assertThat(incident.path("status").asText()).isEqualTo("resolved");
    assertThat(incident.path("recoveryLead").asText()).isEqualTo("mina.park");
    assertThat(incident.path("communicationsLead").asText()).isEqualTo("joon.kim");
    mina.screenshot(DOCS.resolve("console-incident-room.png"));
  }

  @Test
  @Order(9)
  void theFiveWhysAndActionItemsAreFilledTheReportPublishedAndTheReviewScheduled() {
    String report = suite.consoleUrl() + "/incidents/" + incidentId + "/report";
    long deadline = System.nanoTime() + WAIT.toNanos();
    do {
      mina.open(report);
    } while (!mina.text().contains("Save cause and impact") && System.nanoTime() < deadline);
    check(mina, "report");
    mina.fillByLabel("Cause", "A config change halved order-api's DB connection pool")
        .fillByLabel("Cause category", "config")
        .fillByLabel("Impact summary", "Customers could not place orders for 20 minutes")
        .click("Save cause and impact")
        .waitForText("Cause and impact saved.", WAIT);
    mina.fillByLabel("Why 1: question", "Why could customers not place orders?")
        .fillByLabel("Why 1: answer", "order-api timed out on POST /v1/orders")
        .fillByLabel("Why 1: evidence links (one per line)", "https://grafana.example.com/d/order")
        .tick("Why 1: answer verified")
        .tick("Why 1: the symptom customers saw")
        .click("Add another why")
        .waitForText("Why 2: question", WAIT);
    mina.fillByLabel("Why 2: question", "Why did order-api time out?")
        .fillByLabel("Why 2: answer", "Config cfg-1.42 halved its DB pool to 20 connections")
        .fillByLabel("Why 2: evidence links (one per line)", "https://grafana.example.com/d/db")
        .tick("Why 2: answer verified")
        .click("Save the 5 Whys")
        .waitForText("The 5 Whys are saved.", WAIT);
    mina.fillByLabel("Title", "Alert on DB pool saturation for order-api")
        .select("Kind", "monitoring alerting")
        .select("Term", "Short term (a day or two)")
        .fillByLabel("Owner", "mina.park@firebell.example")
        .click("Add action item")
        .waitForText("Action item added.", WAIT);
    check(mina, "report, filled in");
    mina.click("Publish report").waitForText("Report published: version", WAIT);
    mina.click("Schedule review")
        .waitForText("Review scheduled.", WAIT)
        .waitForText("Download .ics", WAIT);
    check(mina, "report, published");
    assertThat(
            http.get(suite.url("review") + "/v1/reports/" + incidentId, suite.token("viewer"))
                .expect(200)
                .json()
                .path("status")
                .asText())
        .isEqualTo("published");
  }

  @Test
  @Order(10)
  void aViewerSeesEveryPageButNoControlThatChangesAnything() {
    try (Browser viewer = new Browser()) {
      signIn(viewer, "viewer", "/incidents");
      viewer.waitForText("Vera Viewer", WAIT);
      assertThat(viewer.text()).doesNotContain("Declare an incident");
      viewer.open(suite.consoleUrl() + "/incidents/" + incidentId).waitForText("Roles", WAIT);
      assertThat(viewer.text()).doesNotContain("Assign commander", "Record rollback", "Add note");
      check(viewer, "incident room, viewer");
      viewer.open(suite.consoleUrl() + "/incidents/" + incidentId + "/updates");
      assertThat(viewer.text()).doesNotContain("Send update");
      viewer.open(suite.consoleUrl() + "/triage").waitForText("Triage", WAIT);
      assertThat(viewer.text()).doesNotContain("Declare incident", "Acknowledge");
      // A forged form post with the viewer's own valid CSRF token: refused by the role.
      Object status =
          viewer
              .driver()
              .executeAsyncScript(
                  "const done = arguments[arguments.length - 1];"
                      + "const token = document.querySelector('input[name=_csrf]').value;"
                      + "fetch('/incidents', {method: 'POST', headers: {'Content-Type':"
                      + " 'application/x-www-form-urlencoded'}, body: '_csrf=' + token +"
                      + " '&title=forged&service=order-api'}).then(r => done(r.status));");
      assertThat(((Number) status).intValue()).isEqualTo(403);
      viewer.click("Sign out").waitForText("Sign in to Firebell", WAIT);
      viewer.open(suite.consoleUrl() + "/incidents").waitForText("Sign in to Firebell", WAIT);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @Order(11)
  void everyOtherPagePassesAxeOnADesktopAndAPhone() {
    try (Browser admin = new Browser()) {
      signIn(admin, "admin", "/incidents");
      admin.waitForText("Ada Admin", WAIT);
      for (String[] page :
          List.of(
              new String[] {"/reviews", "reviews"},
              new String[] {"/dashboard", "dashboard"},
              new String[] {"/admin", "admin"},
              new String[] {"/admin/accounts", "admin accounts"},
              new String[] {"/admin/integrations", "admin integrations"},
              new String[] {"/admin/endpoints", "admin endpoints"},
              new String[] {"/admin/subscriptions", "admin subscriptions"},
              new String[] {"/admin/audiences", "admin audiences"},
              new String[] {"/admin/glossary", "admin glossary"},
              new String[] {"/admin/routes", "admin routes"},
              new String[] {"/admin/domains", "admin domains"},
              new String[] {"/admin/policies", "admin policies"},
              new String[] {"/admin/schedules", "admin schedules"},
              new String[] {"/admin/people", "admin people"})) {
        admin.open(suite.consoleUrl() + page[0]);
        assertThat(admin.title()).doesNotContain("Error", "Not Found");
        check(admin, page[1]);
      }
      admin.phone();
      for (String page :
          List.of(
              "/incidents",
              "/triage",
              "/incidents/" + incidentId,
              "/incidents/" + incidentId + "/updates",
              "/incidents/" + incidentId + "/report")) {
        admin.open(suite.consoleUrl() + page);
        assertThat(admin.scrollsSideways()).as(page + " at 375 px").isFalse();
        check(admin, page + " (375 px)");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------------------------------

  static void signIn(Browser b, String username, String next) {
    suite.signIn(b, username, next, WAIT, () -> check(b, "sign-in"));
  }

  /** axe-core on the page the browser shows (once per page name). */
  static void check(Browser b, String page) {
    b.accessibility(page);
    if (!pagesChecked.contains(page)) {
      pagesChecked.add(page);
    }
  }

  static String storm(String status) {
    return Alertmanager.orderApiStorm(status, "story_run", run);
  }
}
