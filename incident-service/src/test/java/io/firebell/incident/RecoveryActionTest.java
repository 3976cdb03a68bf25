package io.firebell.incident;

import static io.firebell.incident.Api.RESPONDER;
import static io.firebell.incident.Api.VIEWER;
import static io.firebell.incident.Api.count;
import static io.firebell.incident.Api.declare;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RecoveryActionTest {

  private static final String AUTHOR = TestTokens.bearer("jihoon", "responder");
  private static final String REVIEWER = TestTokens.bearer("minji", "responder");

  @Inject AgroalDataSource db;
  @Inject ObjectMapper mapper;

  @Test
  void aHotfixPassesTheGateOnlyWithAPairReviewAndABetaVerification() throws Exception {
    String id = declare("Coupon lookup crashes", "order-api");
    String action =
        record(
                id,
                AUTHOR,
                "{\"kind\":\"hotfix\",\"hotfixReason\":\"rollback_impossible\",\"hotfixReasonDetail\":\"the change migrated the schema\",\"summary\":\"null-check coupon\",\"service\":\"order-api\"}")
            .statusCode(201)
            .body("status", equalTo("planned"))
            .body("author", equalTo("jihoon@firebell.test"))
            .extract()
            .path("id");

    long outbox = count(db, "select count(*) from outbox_message");
    move(id, action, AUTHOR, "in_progress")
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("pair reviewer other than the author has not approved it"))
        .body("detail", containsString("not been verified on beta"));
    move(id, action, AUTHOR, "done").statusCode(409);
    // the author cannot review their own hotfix
    given()
        .header("Authorization", AUTHOR)
        .post("/v1/incidents/{id}/actions/{a}/pair-review", id, action)
        .then()
        .statusCode(409)
        .body("detail", containsString("cannot also be its pair reviewer"));
    assertThat(count(db, "select count(*) from outbox_message")).isEqualTo(outbox);

    given()
        .header("Authorization", REVIEWER)
        .post("/v1/incidents/{id}/actions/{a}/pair-review", id, action)
        .then()
        .statusCode(200)
        .body("pairReviewer", equalTo("minji@firebell.test"));
    move(id, action, AUTHOR, "in_progress")
        .statusCode(409)
        .body("detail", containsString("not been verified on beta"))
        .body("detail", org.hamcrest.Matchers.not(containsString("pair reviewer")));

    verify(id, action, "{\"evidenceUrl\":\"not-a-link\"}").statusCode(400);
    verify(id, action, "{}").statusCode(400);
    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS)) {
      verify(
              id,
              action,
              "{\"evidenceUrl\":\"https://ci.example.com/runs/881\",\"verifiedBy\":\"qa.park\",\"verifiedAt\":\"2026-11-25T08:00:00Z\"}")
          .statusCode(200)
          .body("betaVerified", equalTo(true))
          .body("betaVerifiedBy", equalTo("qa.park"))
          .body("betaVerifiedAt", equalTo("2026-11-25T08:00:00Z"))
          .body("betaEvidenceUrl", equalTo("https://ci.example.com/runs/881"));
      move(id, action, AUTHOR, "in_progress")
          .statusCode(200)
          .body("status", equalTo("in_progress"));
      move(id, action, AUTHOR, "done").statusCode(200).body("status", equalTo("done"));
      move(id, action, AUTHOR, "failed").statusCode(409);

      List<ConsumerRecord<String, byte[]>> recorded =
          incidents.await(
              r ->
                  id.equals(r.key())
                      && TopicReader.ofType(EventTypes.INCIDENT_ACTION_RECORDED.name()).test(r),
              3,
              Duration.ofSeconds(20));
      assertThat(recorded).hasSize(3);
      JsonNode done = mapper.readTree(recorded.get(2).value());
      assertThat(done.get("status").asText()).isEqualTo("done");
      assertThat(done.get("kind").asText()).isEqualTo("hotfix");
      assertThat(done.get("pairReviewer").asText()).isEqualTo("minji@firebell.test");
      assertThat(done.get("betaVerified").asBoolean()).isTrue();
    }
    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/timeline", id)
        .then()
        .body("items.findAll { it.kind == 'action_recorded' }.size()", equalTo(5));

    // resolving names the done actions among the recovery methods
    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS)) {
      Api.transition(id, "{\"to\":\"resolved\",\"recoveryMethod\":\"hotfix\"}").statusCode(200);
      JsonNode resolved =
          mapper.readTree(
              incidents
                  .await(
                      r ->
                          id.equals(r.key())
                              && TopicReader.ofType(EventTypes.INCIDENT_RESOLVED.name()).test(r),
                      1,
                      Duration.ofSeconds(20))
                  .get(0)
                  .value());
      assertThat(resolved.get("recoveryMethods").toString()).isEqualTo("[\"hotfix\"]");
    }
  }

  @Test
  void aHotfixCannotBeRecordedAsAlreadyApplied() throws Exception {
    String id = declare("Gate on create", "order-api");
    long actions = count(db, "select count(*) from recovery_action");
    record(
            id,
            AUTHOR,
            "{\"kind\":\"hotfix\",\"hotfixReason\":\"rollback_impossible\",\"hotfixReasonDetail\":\"the change migrated the schema\",\"summary\":\"x\",\"status\":\"done\"}")
        .statusCode(409)
        .body("detail", containsString("hotfix cannot become done"));
    assertThat(count(db, "select count(*) from recovery_action")).isEqualTo(actions);
  }

  @Test
  void theOtherKindsOfThePlaybook() {
    String id = declare("Playbook", "order-api");
    String changeId =
        given()
            .header("Authorization", RESPONDER)
            .contentType(ContentType.JSON)
            .body(
                "{\"kind\":\"deploy\",\"service\":\"order-api\",\"summary\":\"2.41.0\",\"version\":\"2.41.0\"}")
            .post("/v1/changes")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    record(
            id,
            AUTHOR,
            "{\"kind\":\"rollback\",\"summary\":\"back to 2.40.3\",\"changeId\":\""
                + changeId
                + "\",\"targetVersion\":\"2.40.3\",\"status\":\"done\"}")
        .statusCode(201)
        .body("changeId", equalTo(changeId))
        .body("status", equalTo("done"));
    record(id, AUTHOR, "{\"kind\":\"rollback\",\"summary\":\"to what?\"}")
        .statusCode(400)
        .body("detail", containsString("changeId"));
    record(
            id,
            AUTHOR,
            "{\"kind\":\"rollback\",\"summary\":\"x\",\"changeId\":\"6b1f5c1e-0000-4000-8000-000000000000\"}")
        .statusCode(422);
    record(id, AUTHOR, "{\"kind\":\"isolate\",\"summary\":\"take i-0abc out of the LB\"}")
        .statusCode(400)
        .body("detail", containsString("instance"));
    record(
            id,
            AUTHOR,
            "{\"kind\":\"isolate\",\"summary\":\"take i-0abc out of the LB\",\"instance\":\"i-0abc\","
                + "\"evidence\":{\"kind\":\"instance\",\"reference\":\"i-0abc\"}}")
        .statusCode(201)
        .body("instanceKept", equalTo(true))
        .body("instance", equalTo("i-0abc"));
    record(id, AUTHOR, "{\"kind\":\"restart\",\"summary\":\"restart\",\"evidenceKept\":true}")
        .statusCode(201);
    for (String kind : List.of("scale_out", "failover", "config_change", "other")) {
      record(id, AUTHOR, "{\"kind\":\"" + kind + "\",\"summary\":\"" + kind + "\"}")
          .statusCode(201);
    }
    record(id, AUTHOR, "{\"kind\":\"db_failover\",\"summary\":\"x\"}").statusCode(400);
    record(id, AUTHOR, "{\"kind\":\"restart\",\"summary\":\"x\",\"status\":\"sleeping\"}")
        .statusCode(400);
    record(id, AUTHOR, "{\"kind\":\"restart\"}").statusCode(400);
    record(id, AUTHOR, "{\"kind\":\"restart\",\"summary\":").statusCode(400);
    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/actions", id)
        .then()
        .statusCode(200)
        .body("size()", equalTo(7))
        .body("kind", hasItem("failover"));
    String scaleOut =
        given()
            .header("Authorization", VIEWER)
            .get("/v1/incidents/{id}/actions", id)
            .then()
            .extract()
            .path("find { it.kind == 'scale_out' }.id");
    move(id, scaleOut, AUTHOR, "planned").statusCode(400);
    move(id, scaleOut, AUTHOR, "done").statusCode(200);
    move(id, scaleOut, AUTHOR, "in_progress").statusCode(409);
    given()
        .header("Authorization", REVIEWER)
        .post("/v1/incidents/{id}/actions/{a}/pair-review", id, scaleOut)
        .then()
        .statusCode(409)
        .body("detail", containsString("only a hotfix"));
    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/actions/{a}", id, "6b1f5c1e-0000-4000-8000-000000000000")
        .then()
        .statusCode(404);
  }

  @Test
  void actionEndpointsAre401And403() {
    String id = declare("Action auth", "order-api");
    String action =
        record(
                id,
                AUTHOR,
                "{\"kind\":\"hotfix\",\"hotfixReason\":\"rollback_impossible\",\"hotfixReasonDetail\":\"the change migrated the schema\",\"summary\":\"x\"}")
            .extract()
            .path("id");
    record(id, null, "{\"kind\":\"restart\",\"summary\":\"x\"}").statusCode(401);
    record(id, VIEWER, "{\"kind\":\"restart\",\"summary\":\"x\"}").statusCode(403);
    move(id, action, null, "done").statusCode(401);
    move(id, action, VIEWER, "done").statusCode(403);
    given().post("/v1/incidents/{id}/actions/{a}/pair-review", id, action).then().statusCode(401);
    given()
        .header("Authorization", VIEWER)
        .post("/v1/incidents/{id}/actions/{a}/pair-review", id, action)
        .then()
        .statusCode(403);
    verifyAs(null, id, action, "{\"evidenceUrl\":\"https://x.example\"}").statusCode(401);
    verifyAs(VIEWER, id, action, "{\"evidenceUrl\":\"https://x.example\"}").statusCode(403);
    given().get("/v1/incidents/{id}/actions", id).then().statusCode(401);
    given().get("/v1/incidents/{id}/actions/{a}", id, action).then().statusCode(401);
  }

  private static ValidatableResponse record(String id, String token, String body) {
    var req = given().contentType(ContentType.JSON).body(body);
    if (token != null) {
      req = req.header("Authorization", token);
    }
    return req.post("/v1/incidents/{id}/actions", id).then();
  }

  private static ValidatableResponse move(String id, String action, String token, String to) {
    var req = given().contentType(ContentType.JSON).body("{\"to\":\"" + to + "\"}");
    if (token != null) {
      req = req.header("Authorization", token);
    }
    return req.post("/v1/incidents/{id}/actions/{a}/transitions", id, action).then();
  }

  private static ValidatableResponse verify(String id, String action, String body) {
    return verifyAs(REVIEWER, id, action, body);
  }

  private static ValidatableResponse verifyAs(String token, String id, String action, String body) {
    var req = given().contentType(ContentType.JSON).body(body);
    if (token != null) {
      req = req.header("Authorization", token);
    }
    return req.post("/v1/incidents/{id}/actions/{a}/beta-verification", id, action).then();
  }
}
