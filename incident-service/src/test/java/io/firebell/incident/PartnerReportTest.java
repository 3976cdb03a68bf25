package io.firebell.incident;

import static io.firebell.incident.Api.RESPONDER;
import static io.firebell.incident.Api.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Fixtures;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.TestEventProducer;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A hand-declared partner report carries its partner: validated, shown, and in the incident events
 * (declared, updated, resolved) with the incident's kind (detection method).
 */
@QuarkusTest
class PartnerReportTest {

  @Inject AgroalDataSource db;
  @Inject ObjectMapper mapper;

  @Test
  void aPartnerReportNamesItsPartnerAndTheEventsCarryIt() throws Exception {
    long before = count(db, "select count(*) from incident");
    declare(
            "{\"title\":\"PG says card payments fail\",\"service\":\"payment-api\","
                + "\"detectionMethod\":\"partner_report\"}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("partner"));
    declare(
            "{\"title\":\"x\",\"service\":\"payment-api\",\"detectionMethod\":\"partner_report\","
                + "\"partner\":\"PG KCP!\"}")
        .statusCode(400)
        .body("errors[0].field", equalTo("partner"));
    declare("{\"title\":\"x\",\"service\":\"payment-api\",\"partner\":\"pg-kcp\"}")
        .statusCode(400)
        .body("errors[0].field", equalTo("partner"));
    assertThat(count(db, "select count(*) from incident")).isEqualTo(before);

    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS)) {
      String id =
          declare(
                  "{\"title\":\"PG says card payments fail\",\"service\":\"payment-api\","
                      + "\"detectionMethod\":\"partner_report\",\"partner\":\"pg-kcp\"}")
              .statusCode(201)
              .body("partner", equalTo("pg-kcp"))
              .body("detectionMethod", equalTo("partner_report"))
              .extract()
              .path("id");
      JsonNode declared = event(incidents, id, EventTypes.INCIDENT_DECLARED.name());
      assertThat(declared.get("partner").asText()).isEqualTo("pg-kcp");
      assertThat(declared.get("detectionMethod").asText()).isEqualTo("partner_report");

      // the kind cannot leave the partner behind, nor can the partner be cleared while it is one
      Api.patch(id, "{\"detectionMethod\":\"manual\"}").statusCode(400);
      Api.patch(id, "{\"partner\":null}").statusCode(400);
      Api.patch(id, "{\"detectionMethod\":\"external_integration\",\"partner\":\"pg-inicis\"}")
          .statusCode(200)
          .body("partner", equalTo("pg-inicis"));
      JsonNode updated = event(incidents, id, EventTypes.INCIDENT_UPDATED.name());
      assertThat(updated.get("partner").asText()).isEqualTo("pg-inicis");
      assertThat(updated.get("detectionMethod").asText()).isEqualTo("external_integration");
      assertThat(updated.get("changes").get("partner").asText()).isEqualTo("pg-inicis");

      Api.transition(id, "{\"to\":\"resolved\",\"recoveryMethod\":\"failover\"}").statusCode(200);
      JsonNode resolved = event(incidents, id, EventTypes.INCIDENT_RESOLVED.name());
      assertThat(resolved.get("partner").asText()).isEqualTo("pg-inicis");
      assertThat(resolved.get("detectionMethod").asText()).isEqualTo("external_integration");
    }
  }

  @Test
  void anExternalIntegrationAlarmBringsThePartnerOfItsSignal() throws Exception {
    UUID group = UUID.randomUUID();
    ObjectNode request =
        (ObjectNode) mapper.readTree(Fixtures.json(EventTypes.DECLARATION_REQUESTED));
    request.put("alertGroupId", group.toString());
    request.put("kind", "external_integration");
    request.put("partner", "franchise-pos");
    try (TestEventProducer producer = new TestEventProducer()) {
      producer.send(
          EventTypes.DECLARATION_REQUESTED,
          UUID.randomUUID(),
          group.toString(),
          mapper.writeValueAsString(request));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        db,
                        "select count(*) from incident where alert_group_id = '"
                            + group
                            + "' and partner = 'franchise-pos'"
                            + " and detection_method = 'external_integration'")
                    == 1);
  }

  private static JsonNode event(TopicReader reader, String id, String type) throws Exception {
    return new ObjectMapper()
        .readTree(
            reader
                .await(
                    r -> id.equals(r.key()) && TopicReader.ofType(type).test(r),
                    1,
                    Duration.ofSeconds(20))
                .get(0)
                .value());
  }

  private static ValidatableResponse declare(String body) {
    return given()
        .header("Authorization", RESPONDER)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/incidents")
        .then();
  }
}
