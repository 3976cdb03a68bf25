package io.firebell.incident;

import static io.firebell.incident.Api.RESPONDER;
import static io.firebell.incident.Api.count;
import static io.firebell.incident.Api.declare;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The playbook's kinds and their records: replace (one machine or a whole identical set), isolate
 * with the evidence kept, restart only with evidence confirmed kept, hotfix with its reason.
 */
@QuarkusTest
class RecoveryPlaybookKindsTest {

  @Inject AgroalDataSource db;
  @Inject ObjectMapper mapper;

  @Test
  void replaceNamesOneMachineOrAWholeIdenticalSet() {
    String id = declare("Bad nodes", "order-api");
    record(id, "{\"kind\":\"replace\",\"summary\":\"swap i-0abc\",\"instance\":\"i-0abc\"}")
        .statusCode(201)
        .body("kind", equalTo("replace"))
        .body("instance", equalTo("i-0abc"))
        .body("instanceSet", nullValue());
    record(
            id,
            "{\"kind\":\"replace\",\"summary\":\"roll the node group\",\"instanceSet\":\"order-api-ng-b\","
                + "\"evidence\":{\"kind\":\"snapshot\",\"reference\":\"snap-0f12\"}}")
        .statusCode(201)
        .body("instanceSet", equalTo("order-api-ng-b"))
        .body("evidence.kind", equalTo("snapshot"))
        .body("evidence.reference", equalTo("snap-0f12"))
        .body("evidenceKept", equalTo(true));
    refused(id, "{\"kind\":\"replace\",\"summary\":\"what?\"}", "instance");
    refused(
        id,
        "{\"kind\":\"replace\",\"summary\":\"both\",\"instance\":\"i-1\",\"instanceSet\":\"ng\"}",
        "instanceSet");
  }

  @Test
  void isolateRecordsTheEvidenceKeptAndRestartAsksForItsConfirmation() throws Exception {
    String id = declare("Leaking memory", "order-api");
    refused(
        id,
        "{\"kind\":\"isolate\",\"summary\":\"out of the LB\",\"instance\":\"i-0abc\"}",
        "evidence");
    refused(
        id,
        "{\"kind\":\"isolate\",\"summary\":\"out of the LB\",\"instance\":\"i-0abc\","
            + "\"evidence\":{\"kind\":\"photo\",\"reference\":\"x\"}}",
        "evidence.kind");
    refused(id, "{\"kind\":\"restart\",\"summary\":\"restart order-api\"}", "evidenceKept");
    refused(
        id,
        "{\"kind\":\"restart\",\"summary\":\"restart order-api\",\"evidenceKept\":false}",
        "evidenceKept");
    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS)) {
      record(
              id,
              "{\"kind\":\"isolate\",\"summary\":\"out of the LB\",\"instance\":\"i-0abc\","
                  + "\"evidence\":{\"kind\":\"dump\",\"reference\":\"s3://dumps/i-0abc.hprof\"}}")
          .statusCode(201)
          .body("evidence.kind", equalTo("dump"))
          .body("evidence.reference", equalTo("s3://dumps/i-0abc.hprof"))
          .body("instanceKept", equalTo(false))
          .body("evidenceKept", equalTo(true));
      record(id, "{\"kind\":\"restart\",\"summary\":\"restart order-api\",\"evidenceKept\":true}")
          .statusCode(201)
          .body("evidenceKept", equalTo(true))
          .body("evidence", nullValue());
      List<ConsumerRecord<String, byte[]>> recorded =
          incidents.await(
              r ->
                  id.equals(r.key())
                      && TopicReader.ofType(EventTypes.INCIDENT_ACTION_RECORDED.name()).test(r),
              2,
              Duration.ofSeconds(20));
      JsonNode isolate = mapper.readTree(recorded.get(0).value());
      assertThat(isolate.get("instance").asText()).isEqualTo("i-0abc");
      assertThat(isolate.get("evidenceKind").asText()).isEqualTo("dump");
      assertThat(isolate.get("evidenceReference").asText()).isEqualTo("s3://dumps/i-0abc.hprof");
      assertThat(isolate.get("evidenceKept").asBoolean()).isTrue();
      JsonNode restart = mapper.readTree(recorded.get(1).value());
      assertThat(restart.get("kind").asText()).isEqualTo("restart");
      assertThat(restart.get("evidenceKept").asBoolean()).isTrue();
    }
  }

  @Test
  void recordingAHotfixAsksWhyItIsNotARollback() throws Exception {
    String id = declare("Coupon crash", "order-api");
    refused(id, "{\"kind\":\"hotfix\",\"summary\":\"null-check\"}", "hotfixReason");
    refused(
        id,
        "{\"kind\":\"hotfix\",\"summary\":\"null-check\",\"hotfixReason\":\"because\","
            + "\"hotfixReasonDetail\":\"x\"}",
        "hotfixReason");
    refused(
        id,
        "{\"kind\":\"hotfix\",\"summary\":\"null-check\",\"hotfixReason\":\"faster\"}",
        "hotfixReasonDetail");
    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS)) {
      record(
              id,
              "{\"kind\":\"hotfix\",\"summary\":\"null-check\",\"hotfixReason\":\"faster\","
                  + "\"hotfixReasonDetail\":\"a one-line fix; the rollback rebuild takes 40 min\"}")
          .statusCode(201)
          .body("hotfixReason", equalTo("faster"))
          .body("hotfixReasonDetail", containsString("one-line fix"));
      JsonNode event =
          mapper.readTree(
              incidents
                  .await(
                      r ->
                          id.equals(r.key())
                              && TopicReader.ofType(EventTypes.INCIDENT_ACTION_RECORDED.name())
                                  .test(r),
                      1,
                      Duration.ofSeconds(20))
                  .get(0)
                  .value());
      assertThat(event.get("hotfixReason").asText()).isEqualTo("faster");
      assertThat(event.get("hotfixReasonDetail").asText()).contains("one-line fix");
    }
  }

  /** 422 problem naming the field, and nothing recorded. */
  private void refused(String id, String body, String field) {
    try {
      long before =
          count(db, "select count(*) from recovery_action where incident_id = '" + id + "'");
      record(id, body)
          .statusCode(422)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo(field));
      assertThat(count(db, "select count(*) from recovery_action where incident_id = '" + id + "'"))
          .isEqualTo(before);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ValidatableResponse record(String id, String body) {
    return given()
        .header("Authorization", RESPONDER)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/incidents/{id}/actions", id)
        .then();
  }
}
