package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.firebell.client.Receiver;
import io.firebell.client.Receiver.Message;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.firebell.platform.webhooks.StandardWebhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Acceptance 4: an unacknowledged page reaches level 2 after its timeout, timers in the DB. */
@QuarkusTest
class EscalationTest {

  @Inject AgroalDataSource db;

  @Test
  void anUnacknowledgedPageEscalatesToLevelTwoAndAnAcknowledgedOneStops() throws Exception {
    String u = UUID.randomUUID().toString().substring(0, 8);
    Receiver receiver = new Receiver();
    String base = receiver.url("");
    String admin = TestTokens.bearer("ada", "admin");
    try (TopicReader detection = new TopicReader(Topics.DETECTION)) {
      String aliceSecret = person(admin, "alice" + u + "@firebell.test", base + "/alice");
      person(admin, "bob" + u + "@firebell.test", base + "/bob");
      String schedule =
          given()
              .header("Authorization", admin)
              .contentType(ContentType.JSON)
              .body(
                  "{\"name\":\"primary-"
                      + u
                      + "\",\"timeZone\":\"Europe/Berlin\",\"members\":[\"alice"
                      + u
                      + "@firebell.test\"],\"rotationLength\":\"P7D\",\"handoffTime\":\"09:00\","
                      + "\"startsOn\":\"2026-01-05\"}")
              .post("/v1/schedules")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      String policy =
          given()
              .header("Authorization", admin)
              .contentType(ContentType.JSON)
              .body(
                  "{\"name\":\"esc-"
                      + u
                      + "\",\"levels\":[{\"targetType\":\"schedule\",\"target\":\""
                      + schedule
                      + "\",\"ackTimeoutSeconds\":2},{\"targetType\":\"person\",\"target\":\"bob"
                      + u
                      + "@firebell.test\",\"ackTimeoutSeconds\":60}]}")
              .post("/v1/escalation-policies")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      String domain = "esc" + u;
      given()
          .header("Authorization", admin)
          .contentType(ContentType.JSON)
          .body("{\"escalationPolicyId\":\"" + policy + "\"}")
          .put("/v1/domains/" + domain)
          .then()
          .statusCode(201);
      given()
          .header("Authorization", TestTokens.bearer("vic", "viewer"))
          .get("/v1/oncall/" + domain)
          .then()
          .statusCode(200)
          .body("levels[0].person", equalTo("alice" + u + "@firebell.test"))
          .body("levels[1].person", equalTo("bob" + u + "@firebell.test"));
      given()
          .header("Authorization", admin)
          .contentType(ContentType.JSON)
          .body(
              "{\"name\":\"esc-"
                  + u
                  + "\",\"position\":1,\"matchers\":[\"service=\\\"svc-"
                  + u
                  + "\\\"\"],\"domain\":\""
                  + domain
                  + "\",\"page\":true,\"pageMinSeverity\":\"error\"}")
          .post("/v1/routes")
          .then()
          .statusCode(201);
      String token = Fixtures.integration("native");
      given()
          .header("Authorization", "Bearer " + token)
          .contentType(ContentType.JSON)
          .body(
              "{\"id\":\"chk-"
                  + u
                  + "\",\"title\":\"Checkout failing "
                  + u
                  + "\",\"severity\":\"critical\",\"labels\":{\"service\":\"svc-"
                  + u
                  + "\"}}")
          .post("/v1/ingest/events")
          .then()
          .statusCode(202);

      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !receiver.received("/bob").isEmpty());
      Message alice = receiver.received("/alice").get(0);
      assertThat(alice.header("webhook-signature"))
          .isEqualTo(
              StandardWebhooks.sign(
                  aliceSecret,
                  alice.webhookId(),
                  Long.parseLong(alice.header("webhook-timestamp")),
                  alice.body()));
      assertThat(alice.body()).contains("\"level\":1").contains("Checkout failing " + u);
      Message bob = receiver.received("/bob").get(0);
      assertThat(bob.body()).contains("\"level\":2");
      var escalated =
          detection.await(
              r ->
                  TopicReader.ofType(EventTypes.PAGE_ESCALATED.name()).test(r)
                      && new String(r.value()).contains(domain),
              1,
              Duration.ofSeconds(10));
      assertThat(escalated).hasSize(1);

      // Bob acknowledges: the page stops, the group is acknowledged.
      String bobPage = bob.webhookId();
      given()
          .header("Authorization", TestTokens.bearer("alice" + u, "responder"))
          .post("/v1/pages/" + bobPage + "/acknowledge")
          .then()
          .statusCode(403);
      given()
          .header("Authorization", TestTokens.bearer("bob" + u, "responder"))
          .post("/v1/pages/" + bobPage + "/acknowledge")
          .then()
          .statusCode(200)
          .body("status", equalTo("acknowledged"));
      assertThat(
              detection.await(
                  TopicReader.ofType(EventTypes.PAGE_ACKNOWLEDGED.name()),
                  1,
                  Duration.ofSeconds(10)))
          .isNotEmpty();
    } finally {
      receiver.close();
    }
  }

  @Test
  void aDueEscalationStoredBeforeARestartIsRunByAFreshSchedulerPass() throws Exception {
    // A page whose timer ran out while no instance was running: only the database knows it.
    // (The page and its group are made by SQL, as a previous process would have left them.)
    UUID group = UUID.randomUUID();
    UUID page = UUID.randomUUID();
    String u = group.toString().substring(0, 8);
    String admin = TestTokens.bearer("ada", "admin");
    String policy =
        given()
            .header("Authorization", admin)
            .contentType(ContentType.JSON)
            .body(
                "{\"name\":\"restart-"
                    + u
                    + "\",\"levels\":[{\"targetType\":\"person\",\"target\":\"p1@x\",\"ackTimeoutSeconds\":60},"
                    + "{\"targetType\":\"person\",\"target\":\"p2@x\",\"ackTimeoutSeconds\":60}]}")
            .post("/v1/escalation-policies")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    try (Connection c = db.getConnection()) {
      Fixtures.openGroup(c, group, "restart/" + u + ":{}");
      c.createStatement()
          .execute(
              "insert into page (id, alert_group_id, domain, policy_id, level, round, person,"
                  + " severity, status, deliver_at, sent_at, escalates_at, ack_timeout_seconds,"
                  + " created_at) values ('"
                  + page
                  + "', '"
                  + group
                  + "', 'unrouted', '"
                  + policy
                  + "', 1, 1, 'p1@x', 'critical', 'sent', now() - interval '10 minutes',"
                  + " now() - interval '10 minutes', now() - interval '5 minutes', 60,"
                  + " now() - interval '10 minutes')");
    }
    // No call into the service: its scheduler, polling the page table, finds the due timer.
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                given()
                    .header("Authorization", TestTokens.bearer("vic", "viewer"))
                    .queryParam("alertGroupId", group.toString())
                    .get("/v1/pages")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(2))
                    .body("find { it.level == 1 }.status", equalTo("escalated"))
                    .body("find { it.level == 2 }.person", equalTo("p2@x")));
  }

  private static String person(String admin, String id, String url) {
    return given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"" + id + "\",\"webhookUrl\":\"" + url + "\"}")
        .put("/v1/people/" + id)
        .then()
        .statusCode(200)
        .extract()
        .path("webhookSecret");
  }
}
