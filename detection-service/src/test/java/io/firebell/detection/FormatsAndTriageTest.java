package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.TestEventProducer;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Grafana, PagerDuty, Datadog and native payloads; triage; the incident link. */
@QuarkusTest
class FormatsAndTriageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String uniq() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void grafanaExtrasAreKept() throws Exception {
    String token = Fixtures.integration("grafana");
    String name = "GrafanaCpu" + uniq();
    String body =
        """
        {"receiver":"firebell","status":"firing","orgId":1,
         "alerts":[{"status":"firing","labels":{"alertname":"%s","grafana_folder":"order","service":"order-api","severity":"warning"},
           "annotations":{"summary":"CPU 93%% on order-api"},"startsAt":"2026-03-12T10:00:00+09:00",
           "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://grafana/alerting/grafana/abc/view",
           "fingerprint":"%s","silenceURL":"http://grafana/alerting/silence/new",
           "dashboardURL":"http://grafana/d/abc","panelURL":"http://grafana/d/abc?viewPanel=2",
           "values":{"B":93.2,"C":1},"valueString":"[ var='B' value=93.2 ]"}],
         "groupLabels":{"alertname":"%s"},"commonLabels":{},"commonAnnotations":{},
         "externalURL":"http://grafana/","version":"1","groupKey":"{}:{}","truncatedAlerts":0,
         "title":"[FIRING:1] %s","state":"alerting","message":"**Firing**"}"""
            .formatted(name, uniq(), name, name);
    try (TopicReader alerts = new TopicReader(Topics.ALERTS, Topics.ALERTS_FRESH)) {
      given()
          .header("Authorization", "Bearer " + token)
          .contentType(ContentType.JSON)
          .body(body)
          .post("/v1/ingest/grafana")
          .then()
          .statusCode(202)
          .body("alerts", equalTo(1));
      JsonNode batch =
          JSON.readTree(
              alerts
                  .await(r -> new String(r.value()).contains(name), 1, Duration.ofSeconds(10))
                  .get(0)
                  .value());
      assertThat(batch.get("alerts")).hasSize(1);
      JsonNode a = batch.get("alerts").get(0);
      assertThat(a.get("sourceKind").asText()).isEqualTo("grafana");
      assertThat(a.get("links").get("panel").asText()).endsWith("viewPanel=2");
      assertThat(a.get("links").get("silence").asText()).contains("silence");
      assertThat(a.get("details").get("values").get("B").asDouble()).isEqualTo(93.2);
      assertThat(a.get("details").get("state").asText()).isEqualTo("alerting");
      assertThat(a.get("startsAt").asText()).isEqualTo("2026-03-12T01:00:00Z");
      assertThat(a.get("severity").asText()).isEqualTo("warning");
    }
    // A Grafana token is not an Alertmanager token, and the version must be Grafana's.
    given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/ingest/alertmanager")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(body.replace("\"version\":\"1\"", "\"version\":\"4\""))
        .post("/v1/ingest/grafana")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("version"));
  }

  @Test
  void pagerDutyTriggerAcknowledgeResolve() throws Exception {
    String token = Fixtures.integration("pagerduty");
    String dedup = "disk-" + uniq();
    String trigger =
        """
        {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
         "payload":{"summary":"Disk 95%% full %s","source":"db-1","severity":"critical",
                    "component":"order-db","group":"order","class":"disk","custom_details":{"free_gb":12}},
         "links":[{"href":"https://runbooks/disk","text":"runbook"}]}"""
            .formatted(token, dedup, dedup);
    try (TopicReader detection = new TopicReader(Topics.DETECTION)) {
      given()
          .contentType(ContentType.JSON)
          .body(trigger)
          .post("/v2/enqueue")
          .then()
          .statusCode(202)
          .body("status", equalTo("success"))
          .body("message", equalTo("Event processed"))
          .body("dedup_key", equalTo(dedup));
      given()
          .contentType(ContentType.JSON)
          .body(trigger)
          .post("/v2/enqueue")
          .then()
          .statusCode(202);
      List<ConsumerRecord<String, byte[]>> opened =
          detection.await(
              r ->
                  TopicReader.ofType(EventTypes.ALERT_GROUP_OPENED.name()).test(r)
                      && new String(r.value()).contains(dedup),
              1,
              Duration.ofSeconds(20));
      assertThat(opened).hasSize(1);
      String group = opened.get(0).key();
      // acknowledge and resolve without a payload, as PagerDuty allows
      given()
          .contentType(ContentType.JSON)
          .body(
              "{\"routing_key\":\""
                  + token
                  + "\",\"event_action\":\"acknowledge\",\"dedup_key\":\""
                  + dedup
                  + "\"}")
          .post("/v2/enqueue")
          .then()
          .statusCode(202);
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  given()
                      .header("Authorization", TestTokens.bearer("vic", "viewer"))
                      .get("/v1/alert-groups/" + group)
                      .then()
                      .body("group.status", equalTo("acknowledged")));
      given()
          .contentType(ContentType.JSON)
          .body(
              "{\"routing_key\":\""
                  + token
                  + "\",\"event_action\":\"resolve\",\"dedup_key\":\""
                  + dedup
                  + "\"}")
          .post("/v2/enqueue")
          .then()
          .statusCode(202);
      assertThat(
              detection.await(
                  r ->
                      TopicReader.ofType(EventTypes.ALERT_GROUP_RESOLVED.name()).test(r)
                          && group.equals(r.key()),
                  1,
                  Duration.ofSeconds(20)))
          .hasSize(1);
      assertThat(
              detection.drain(Duration.ofMillis(300)).stream()
                  .filter(TopicReader.ofType(EventTypes.ALERT_GROUP_OPENED.name()))
                  .filter(r -> new String(r.value()).contains(dedup))
                  .count())
          .isEqualTo(1);
    }
    // Invalid events: every problem at once, 400 problem+json; unknown key 401; wrong kind 403.
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"routing_key\":\""
                + token
                + "\",\"event_action\":\"trigger\",\"payload\":{\"severity\":\"bad\"}}")
        .post("/v2/enqueue")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("payload.summary"))
        .body("errors.field", hasItem("payload.source"))
        .body("errors.field", hasItem("payload.severity"));
    given()
        .contentType(ContentType.JSON)
        .body(trigger.replace(token, "fbi_unknown"))
        .post("/v2/enqueue")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .contentType(ContentType.JSON)
        .body(trigger.replace(token, Fixtures.integration("grafana")))
        .post("/v2/enqueue")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  @Test
  void datadogAndNativeEventsAndTriageAndTheIncidentLink() throws Exception {
    String dd = Fixtures.integration("datadog");
    String cycle = "cycle-" + uniq();
    String ddBody =
        """
        {"id":"7161","alert_cycle_key":"%s","alert_id":"12345","alert_transition":"Triggered",
         "alert_type":"error","alert_priority":"P2","title":"[Triggered] Payment errors %s",
         "body":"error rate 4%%","date":"1773309600000","last_updated":"1773309600000",
         "tags":"service:payment-api,env:prod,partner:pg-inicis","hostname":"pay-1",
         "link":"https://app.datadoghq.com/monitors/12345"}"""
            .formatted(cycle, cycle);
    String group;
    try (TopicReader detection = new TopicReader(Topics.DETECTION)) {
      given()
          .header("Authorization", "Bearer " + dd)
          .contentType(ContentType.JSON)
          .body(ddBody)
          .post("/v1/ingest/datadog")
          .then()
          .statusCode(202);
      List<ConsumerRecord<String, byte[]>> opened =
          detection.await(
              r ->
                  TopicReader.ofType(EventTypes.ALERT_GROUP_OPENED.name()).test(r)
                      && new String(r.value()).contains(cycle),
              1,
              Duration.ofSeconds(20));
      assertThat(opened).hasSize(1);
      group = opened.get(0).key();
      JsonNode o = JSON.readTree(opened.get(0).value());
      assertThat(o.get("severity").asText()).isEqualTo("error");
      assertThat(o.get("service").asText()).isEqualTo("payment-api");
      assertThat(o.get("occurredAt").asText()).isEqualTo("2026-03-12T10:00:00Z");

      // Triage: a viewer may not, a responder declares once.
      given()
          .header("Authorization", TestTokens.bearer("vic", "viewer"))
          .post("/v1/alert-groups/" + group + "/declare")
          .then()
          .statusCode(403);
      given().post("/v1/alert-groups/" + group + "/declare").then().statusCode(401);
      for (int i = 0; i < 2; i++) {
        given()
            .header("Authorization", TestTokens.bearer("rita", "responder"))
            .contentType(ContentType.JSON)
            .body("{\"title\":\"Payments failing\",\"severity\":\"SEV2\"}")
            .post("/v1/alert-groups/" + group + "/declare")
            .then()
            .statusCode(200)
            .body("declaredBy", equalTo("rita@firebell.test"));
      }
      given()
          .header("Authorization", TestTokens.bearer("rita", "responder"))
          .contentType(ContentType.JSON)
          .body("{\"reason\":\"noise\"}")
          .post("/v1/alert-groups/" + group + "/dismiss")
          .then()
          .statusCode(409)
          .contentType("application/problem+json");
      List<ConsumerRecord<String, byte[]>> declared =
          detection.await(
              r ->
                  TopicReader.ofType(EventTypes.DECLARATION_REQUESTED.name()).test(r)
                      && group.equals(r.key()),
              1,
              Duration.ofSeconds(15));
      assertThat(
              detection.drain(Duration.ofSeconds(1)).stream()
                  .filter(TopicReader.ofType(EventTypes.DECLARATION_REQUESTED.name()))
                  .filter(r -> group.equals(r.key()))
                  .count())
          .isEqualTo(1);
      JsonNode d = JSON.readTree(declared.get(0).value());
      assertThat(d.get("requestedTitle").asText()).isEqualTo("Payments failing");
      assertThat(d.get("requestedSeverity").asText()).isEqualTo("SEV2");
      assertThat(d.get("autoDeclared").asBoolean()).isFalse();
      assertThat(d.get("occurredAt").asText()).isEqualTo("2026-03-12T10:00:00Z");
      assertThat(d.get("summary").asText()).contains("Payment errors");
    }

    // incident-service answers with incident.declared carrying the group id.
    UUID incident = UUID.randomUUID();
    String declaredJson =
        io.firebell.contracts.Fixtures.json(EventTypes.INCIDENT_DECLARED)
            .replaceAll("\"incidentId\"\\s*:\\s*\"[^\"]+\"", "\"incidentId\":\"" + incident + "\"")
            .replaceAll(
                "\"alertGroupId\"\\s*:\\s*(null|\"[^\"]*\")", "\"alertGroupId\":\"" + group + "\"");
    try (TestEventProducer producer = new TestEventProducer()) {
      producer.send(
          EventTypes.INCIDENT_DECLARED, UUID.randomUUID(), incident.toString(), declaredJson);
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .header("Authorization", TestTokens.bearer("vic", "viewer"))
                    .get("/v1/alert-groups/" + group)
                    .then()
                    .body("group.incidentId", equalTo(incident.toString())));

    // Native event, then a dismiss on its group.
    String nat = Fixtures.integration("native");
    String id = "native-" + uniq();
    given()
        .header("Authorization", "Bearer " + nat)
        .contentType(ContentType.JSON)
        .body(
            "{\"id\":\""
                + id
                + "\",\"title\":\"Batch late "
                + id
                + "\",\"severity\":\"warning\",\"labels\":{\"service\":\"settlement\"}}")
        .post("/v1/ingest/events")
        .then()
        .statusCode(202);
    String[] nativeGroup = new String[1];
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> nativeGroup[0] = IngestTest.groupIdOf(id));
    given()
        .header("Authorization", TestTokens.bearer("rita", "responder"))
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/alert-groups/" + nativeGroup[0] + "/dismiss")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("reason"));
    given()
        .header("Authorization", TestTokens.bearer("rita", "responder"))
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"expected during migration\"}")
        .post("/v1/alert-groups/" + nativeGroup[0] + "/dismiss")
        .then()
        .statusCode(200)
        .body("status", equalTo("dismissed"))
        .body("dismissedAt", notNullValue());
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .queryParam("status", "dismissed")
        .queryParam("limit", 500)
        .get("/v1/alert-groups")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(nativeGroup[0]));
  }
}
