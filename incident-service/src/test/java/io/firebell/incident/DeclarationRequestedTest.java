package io.firebell.incident;

import static io.firebell.incident.Api.VIEWER;
import static io.firebell.incident.Api.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
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
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeclarationRequestedTest {

  @Inject AgroalDataSource db;
  @Inject ObjectMapper mapper;

  @Test
  void theSameAlertGroupDeclaredTwiceOpensOneIncident() throws Exception {
    UUID group = UUID.randomUUID();
    ObjectNode request =
        (ObjectNode) mapper.readTree(Fixtures.json(EventTypes.DECLARATION_REQUESTED));
    request.put("alertGroupId", group.toString());
    String json = mapper.writeValueAsString(request);

    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS);
        TestEventProducer producer = new TestEventProducer()) {
      UUID eventId = UUID.randomUUID();
      producer.send(EventTypes.DECLARATION_REQUESTED, eventId, group.toString(), json);
      producer.send(
          EventTypes.DECLARATION_REQUESTED, eventId, group.toString(), json); // redelivery
      producer.send(
          EventTypes.DECLARATION_REQUESTED,
          UUID.randomUUID(),
          group.toString(),
          json); // re-request

      List<ConsumerRecord<String, byte[]>> declared =
          incidents.await(
              r ->
                  TopicReader.ofType(EventTypes.INCIDENT_DECLARED.name()).test(r)
                      && new String(r.value()).contains(group.toString()),
              1,
              Duration.ofSeconds(30));
      assertThat(declared).hasSize(1);
      JsonNode data = mapper.readTree(declared.get(0).value());
      assertThat(data.get("alertGroupId").asText()).isEqualTo(group.toString());
      assertThat(data.get("title").asText())
          .isEqualTo("Placing orders is slow: order-api p99 latency above 2 s");
      assertThat(data.get("severity").asText()).isEqualTo("SEV2");
      assertThat(data.get("detectionMethod").asText()).isEqualTo("system_alarm");
      assertThat(data.get("declaredBy").asText()).isEqualTo("seoyeon.lee");
      assertThat(data.get("occurredAt").asText()).isEqualTo("2026-03-12T10:57:30Z");
      assertThat(data.get("detectedAt").asText()).isEqualTo("2026-03-12T10:58:05.412Z");
      assertThat(data.get("services").get(0).asText()).isEqualTo("order-api");
      assertThat(data.get("domains").get(0).asText()).isEqualTo("order");

      // give the third record time to be (not) acted on
      assertThat(
              incidents.drain(Duration.ofSeconds(3)).stream()
                  .filter(TopicReader.ofType(EventTypes.INCIDENT_DECLARED.name()))
                  .filter(r -> new String(r.value()).contains(group.toString()))
                  .count())
          .isEqualTo(1);
    }
    assertThat(count(db, "select count(*) from incident where alert_group_id = '" + group + "'"))
        .isEqualTo(1);
    String id = incidentOf(group);
    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/timeline", id)
        .then()
        .body("items.kind", contains("declared", "alert_group_linked"));
  }

  @Test
  void autoDeclaredGroupsAreDeclaredByDetectionWithTheMethodOfTheirSignal() throws Exception {
    // without a (known) grade asked for, the alert group's severity picks it; unmapped → default
    record Case(String kind, String method, String alertSeverity, String grade) {}
    List<Case> cases =
        List.of(
            new Case("system", "system_alarm", "critical", "SEV2"),
            new Case("business", "business_metric", "warning", "SEV3"),
            new Case("external_integration", "external_integration", "info", "SEV4"),
            new Case("cs_inquiry", "cs_inquiry", "unknown", "SEV3"));
    try (TestEventProducer producer = new TestEventProducer()) {
      for (Case c : cases) {
        UUID group = UUID.randomUUID();
        ObjectNode request =
            (ObjectNode) mapper.readTree(Fixtures.json(EventTypes.DECLARATION_REQUESTED));
        request.put("alertGroupId", group.toString());
        request.put("kind", c.kind());
        request.put("severity", c.alertSeverity());
        request.put("autoDeclared", true);
        request.putNull("requestedBy");
        request.putNull("requestedTitle");
        request.put("requestedSeverity", "SEV42");
        producer.send(
            EventTypes.DECLARATION_REQUESTED,
            UUID.randomUUID(),
            group.toString(),
            mapper.writeValueAsString(request));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    count(
                            db,
                            "select count(*) from incident where alert_group_id = '" + group + "'")
                        == 1);
        given()
            .header("Authorization", VIEWER)
            .get("/v1/incidents/{id}", incidentOf(group))
            .then()
            .body("declaredBy", equalTo("detection"))
            .body("detectionMethod", equalTo(c.method()))
            .body("severity", equalTo(c.grade()))
            .body(
                "title", equalTo("order-api p99 latency 4.8 s (threshold 2 s) on POST /v1/orders"));
      }
    }
  }

  private String incidentOf(UUID group) throws Exception {
    try (Connection c = db.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery("select id from incident where alert_group_id = '" + group + "'")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
