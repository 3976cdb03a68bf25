package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.firebell.contracts.Topics;
import io.firebell.platform.testing.AuthorizationMatrix;
import io.firebell.platform.testing.AuthorizationMatrix.Call;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 5: problem+json for bad input, 401/403 for missing or wrong tokens; nothing published.
 */
@QuarkusTest
class LimitsAndAuthTest {

  @Test
  void badIngestInputIsAProblemAndNothingIsPublished() {
    String token = Fixtures.integration("alertmanager");
    try (TopicReader alerts = new TopicReader(Topics.ALERTS, Topics.ALERTS_FRESH)) {
      given()
          .header("Authorization", "Bearer " + token)
          .contentType(ContentType.JSON)
          .body("{\"version\":\"4\",")
          .post("/v1/ingest/alertmanager")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
      given()
          .header("Authorization", "Bearer " + token)
          .contentType(ContentType.JSON)
          .body(
              Fixtures.amPayload(
                  "firing",
                  0,
                  "{\"status\":\"firing\",\"labels\":\"not-an-object\",\"startsAt\":\"2026-03-12T10:00:00Z\"}"))
          .post("/v1/ingest/alertmanager")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
      given()
          .header("Authorization", "Bearer " + token)
          .contentType(ContentType.JSON)
          .body("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[]}")
          .post("/v1/ingest/alertmanager")
          .then()
          .statusCode(400)
          .body("errors.field", hasItem("alerts"));
      // One good alert and one with every per-alert field wrong: all reported, none published.
      given()
          .header("Authorization", "Bearer " + token)
          .contentType(ContentType.JSON)
          .body(
              Fixtures.amPayload(
                  "firing",
                  0,
                  Fixtures.amAlert("firing", "Good", "s", "info", "good-1"),
                  "{\"status\":\"pending\",\"labels\":{},\"annotations\":{}}",
                  "null"))
          .post("/v1/ingest/alertmanager")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body(
              "errors.field",
              hasItems("alerts[1].status", "alerts[1].labels", "alerts[1].startsAt", "alerts[2]"))
          .body("errors.field", not(hasItem(startsWith("alerts[0]"))));
      String big = "x".repeat(600 * 1024);
      given()
          .header("Authorization", "Bearer " + token)
          .contentType(ContentType.JSON)
          .body("{\"pad\":\"" + big + "\"}")
          .post("/v1/ingest/alertmanager")
          .then()
          .statusCode(413)
          .contentType("application/problem+json")
          .body("status", equalTo(413));
      assertThat(alerts.drain(Duration.ofSeconds(2))).isEmpty();
    }
  }

  @Test
  void everyEndpointWantsTheRightCaller() {
    String body =
        Fixtures.amPayload("firing", 0, Fixtures.amAlert("firing", "A", "s", "info", "f1"));
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/ingest/alertmanager")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", "Bearer fbi_nope")
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/ingest/alertmanager")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", TestTokens.bearer("ada", "admin"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/ingest/alertmanager")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", "Bearer " + Fixtures.integration("native"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/ingest/alertmanager")
        .then()
        .statusCode(403);
    List<Call> reads =
        List.of(
            Call.get("/v1/routes"),
            Call.get("/v1/domains"),
            Call.get("/v1/schedules"),
            Call.get("/v1/escalation-policies"),
            Call.get("/v1/alert-groups"),
            Call.get("/v1/pages"));
    String viewer = TestTokens.bearer("vic", "viewer");
    AuthorizationMatrix.expect(reads, null, 401);
    AuthorizationMatrix.expect(reads, viewer, 200);
    AuthorizationMatrix.expect(
        List.of(
            new Call("POST", "/v1/routes", "{\"name\":\"r\",\"domain\":\"unrouted\"}"),
            new Call("PUT", "/v1/domains/x", "{}"),
            new Call("POST", "/v1/pages/00000000-0000-0000-0000-000000000001/acknowledge", null)),
        viewer,
        403);
    String admin = TestTokens.bearer("ada", "admin");
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\"bad-route\",\"domain\":\"unrouted\",\"matchers\":[\"service=~\\\"(\\\"\"]}")
        .post("/v1/routes")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("matchers[0]"));
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"bad-route\",\"domain\":\"nowhere\"}")
        .post("/v1/routes")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("domain"));
    given()
        .header("Authorization", admin)
        .delete("/v1/routes/00000000-0000-0000-0000-00000000ca11")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\"s\",\"timeZone\":\"Mars/Olympus\",\"members\":[\"a\"],\"rotationLength\":\"P7D\",\"handoffTime\":\"09:00\",\"startsOn\":\"2026-01-01\"}")
        .post("/v1/schedules")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("timeZone"));
    given()
        .header("Authorization", viewer)
        .get("/v1/oncall/unrouted?at=yesterday")
        .then()
        .statusCode(400);
    given()
        .header("Authorization", viewer)
        .get("/v1/alert-groups?status=bogus")
        .then()
        .statusCode(400);
    given()
        .header("Authorization", viewer)
        .get("/v1/alert-groups/00000000-0000-0000-0000-000000000001")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
