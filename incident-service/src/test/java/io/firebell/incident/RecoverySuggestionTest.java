package io.firebell.incident;

import static io.firebell.incident.Api.RESPONDER;
import static io.firebell.incident.Api.VIEWER;
import static io.firebell.incident.Api.count;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Fixtures;
import io.firebell.platform.testing.TestEventProducer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The recovery suggestion on GET /v1/incidents/{id}: a traffic surge → scale out; otherwise a
 * change in the 24 h before → roll it back first; a hotfix only when no rollback is possible.
 */
@QuarkusTest
class RecoverySuggestionTest {

  @Inject AgroalDataSource db;
  @Inject ObjectMapper mapper;

  @Test
  void theSuggestionFollowsThePlaybooksOrderAndMovesOnAsStepsAreTried() {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    String id = declareOccurredHoursAgo(service, 1);

    // nothing changed, no surge: no rollback is possible, so fix forward
    get(id)
        .body("recoverySuggestion.first", equalTo("hotfix"))
        .body("recoverySuggestion.why", containsString("nothing changed to roll back"))
        .body("recoverySuggestion.rollbackCandidates", equalTo(0))
        .body(
            "recoverySuggestion.steps.kind",
            org.hamcrest.Matchers.contains(
                "scale_out", "rollback", "hotfix", "replace", "failover", "restart"));

    // a deploy 3 h before the incident: roll it back first
    String change = change(service, "deploy", 4);
    get(id)
        .body("recoverySuggestion.first", equalTo("rollback"))
        .body("recoverySuggestion.changeId", equalTo(change))
        .body("recoverySuggestion.rollbackCandidates", equalTo(1))
        .body("recoverySuggestion.steps.find { it.kind == 'hotfix' }.applies", equalTo(false));

    // traffic surged: scale out comes before any rollback
    Api.patch(id, "{\"trafficSurge\":true}")
        .statusCode(200)
        .body("trafficSurge", equalTo(true))
        .body("trafficSignal", equalTo("observed by dana@firebell.test"));
    get(id)
        .body("recoverySuggestion.first", equalTo("scale_out"))
        .body("recoverySuggestion.trafficSurge", equalTo(true))
        .body("recoverySuggestion.changeId", nullValue());

    // scaled out: the rollback is next; rolled back: a hotfix is what is left
    action(id, "{\"kind\":\"scale_out\",\"summary\":\"6 → 12\",\"status\":\"done\"}");
    get(id)
        .body("recoverySuggestion.first", equalTo("rollback"))
        .body("recoverySuggestion.steps.find { it.kind == 'scale_out' }.tried", equalTo(true));
    action(
        id,
        "{\"kind\":\"rollback\",\"summary\":\"back\",\"changeId\":\""
            + change
            + "\",\"status\":\"failed\"}");
    get(id)
        .body("recoverySuggestion.first", equalTo("hotfix"))
        .body("recoverySuggestion.steps.find { it.kind == 'rollback' }.applies", equalTo(false));
  }

  @Test
  void aSchemaChangeCannotBeRolledBackSoTheSuggestionIsAHotfix() {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    change(service, "schema_migration", 3);
    String id = declareOccurredHoursAgo(service, 1);
    get(id)
        .body("recoverySuggestion.first", equalTo("hotfix"))
        .body("recoverySuggestion.why", containsString("no rollback is possible"))
        .body("recoverySuggestion.why", containsString("schema_migration"))
        .body("recoverySuggestion.rollbackCandidates", equalTo(1));
    // a change older than 24 h before the incident is no candidate
    String other = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    change(other, "deploy", 30);
    get(declareOccurredHoursAgo(other, 1))
        .body("recoverySuggestion.first", equalTo("hotfix"))
        .body("recoverySuggestion.rollbackCandidates", equalTo(0));
  }

  @Test
  void aDetectionSignalThatReadsAsATrafficSurgeSuggestsScalingOut() throws Exception {
    String id = declaredFrom("system", Map.of("firebell_signal", "traffic_surge"), null);
    get(id)
        .body("trafficSurge", equalTo(true))
        .body("trafficSignal", equalTo("label firebell_signal=traffic_surge"))
        .body("recoverySuggestion.first", equalTo("scale_out"))
        .body("recoverySuggestion.why", containsString("traffic surged"));
  }

  @Test
  void aBusinessMetricSpikeSuggestsScalingOut() throws Exception {
    // the labels of a metric watch's spike alert (detection-service's MetricAlerts); neither the
    // name nor the summary speaks of traffic, so the spike rule is what counts
    String id =
        declaredFrom(
            "business",
            Map.of(
                "alertname", "checkout-orders",
                "metric", "orders_per_minute",
                "rule", "spike",
                "signal_kind", "business"),
            "checkout-orders: 412 against a baseline of 130 (317 %)");
    get(id)
        .body("trafficSurge", equalTo(true))
        .body("trafficSignal", equalTo("business-metric spike of orders_per_minute"))
        .body("recoverySuggestion.first", equalTo("scale_out"));
  }

  @Test
  void anAlertNameOrSummaryAboutTrafficSuggestsScalingOut() throws Exception {
    get(declaredFrom("system", Map.of("alertname", "OrderApiTrafficSurge"), "order-api is busy"))
        .body("trafficSignal", equalTo("alert OrderApiTrafficSurge"))
        .body("recoverySuggestion.first", equalTo("scale_out"));
    get(declaredFrom(
            "system",
            Map.of("alertname", "OrderApiSaturated"),
            "order-api request rate 5x the usual for this hour"))
        .body("trafficSignal", equalTo("signal: order-api request rate 5x the usual for this hour"))
        .body("recoverySuggestion.first", equalTo("scale_out"));
  }

  @Test
  void aSignalThatIsNoSurgeLeavesScalingOutBehindTheOtherSteps() throws Exception {
    // a business metric's drop, and a latency alarm: no surge (unknown), nothing changed, so a
    // hotfix
    get(declaredFrom(
            "business",
            Map.of("alertname", "checkout-orders", "metric", "orders_per_minute", "rule", "drop"),
            "checkout-orders: 40 against a baseline of 130 (31 %)"))
        .body("trafficSurge", nullValue())
        .body("trafficSignal", nullValue())
        .body("recoverySuggestion.first", equalTo("hotfix"));
    get(declaredFrom(
            "system",
            Map.of("alertname", "OrderApiHighLatency"),
            "order-api p99 latency 4.8 s (threshold 2 s) on POST /v1/orders"))
        .body("trafficSurge", nullValue())
        .body("recoverySuggestion.first", equalTo("hotfix"));
  }

  /** Declares an incident from a detection signal, as detection-service requests it on Kafka. */
  private String declaredFrom(String kind, Map<String, String> labels, String summary)
      throws Exception {
    UUID group = UUID.randomUUID();
    ObjectNode request =
        (ObjectNode) mapper.readTree(Fixtures.json(EventTypes.DECLARATION_REQUESTED));
    request.put("alertGroupId", group.toString());
    request.put("service", "svc-" + group.toString().substring(0, 8));
    request.put("kind", kind);
    if (summary == null) {
      request.putNull("summary");
    } else {
      request.put("summary", summary);
    }
    request.set("labels", mapper.valueToTree(labels));
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
                count(db, "select count(*) from incident where alert_group_id = '" + group + "'")
                    == 1);
    return incidentOf(group);
  }

  private static String declareOccurredHoursAgo(String service, int hours) {
    return given()
        .header("Authorization", RESPONDER)
        .contentType(ContentType.JSON)
        .body(
            "{\"title\":\"Orders fail\",\"service\":\""
                + service
                + "\",\"occurredAt\":\""
                + Instant.now().minus(hours, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
                + "\"}")
        .post("/v1/incidents")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String change(String service, String kind, int hoursAgo) {
    return given()
        .header("Authorization", RESPONDER)
        .contentType(ContentType.JSON)
        .body(
            "{\"kind\":\""
                + kind
                + "\",\"service\":\""
                + service
                + "\",\"summary\":\""
                + service
                + " "
                + kind
                + "\",\"occurredAt\":\""
                + Instant.now().minus(hoursAgo, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
                + "\"}")
        .post("/v1/changes")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static void action(String id, String body) {
    given()
        .header("Authorization", RESPONDER)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/incidents/{id}/actions", id)
        .then()
        .statusCode(201);
  }

  private static ValidatableResponse get(String id) {
    return given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}", id)
        .then()
        .statusCode(200);
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
