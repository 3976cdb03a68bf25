package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.events.CloudEventHeaders;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IngestTest {

  @jakarta.inject.Inject io.agroal.api.AgroalDataSource db;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String uniq() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void alertmanagerFiringAndResolvedBecomeOneGroupThatResolves() throws Exception {
    String token = Fixtures.integration("alertmanager");
    String name = "HighLatency" + uniq();
    String fp1 = uniq() + "aa";
    String fp2 = uniq() + "bb";
    try (TopicReader alerts = new TopicReader(Topics.ALERTS, Topics.ALERTS_FRESH);
        TopicReader detection = new TopicReader(Topics.DETECTION)) {
      given()
          .header("Authorization", "Bearer " + token)
          .contentType(ContentType.JSON)
          .body(
              Fixtures.amPayload(
                  "firing",
                  2,
                  Fixtures.amAlert("firing", name, "order-api", "critical", fp1),
                  Fixtures.amAlert("firing", name, "order-api", "warning", fp2)))
          .post("/v1/ingest/alertmanager")
          .then()
          .statusCode(202)
          .body("alerts", equalTo(2))
          .body("routeKeys", hasSize(1));
      // One record for the request's route key, holding both alerts in the order sent.
      List<ConsumerRecord<String, byte[]>> received =
          alerts.await(r -> new String(r.value()).contains(name), 1, Duration.ofSeconds(10));
      assertThat(alerts.drain(Duration.ofMillis(500)))
          .filteredOn(r -> new String(r.value()).contains(name))
          .hasSize(1);
      assertThat(TopicReader.header(received.get(0), CloudEventHeaders.TYPE))
          .isEqualTo(EventTypes.ALERT_BATCH_RECEIVED.name());
      JsonNode batch = JSON.readTree(received.get(0).value());
      assertThat(received.get(0).key()).isEqualTo(batch.get("routeKey").asText());
      assertThat(batch.get("alerts")).hasSize(2);
      JsonNode first = batch.get("alerts").get(0);
      assertThat(first.get("dedupKey").asText()).isEqualTo(fp1);
      assertThat(batch.get("alerts").get(1).get("dedupKey").asText()).isEqualTo(fp2);
      assertThat(first.get("routeKey").asText()).isEqualTo(batch.get("routeKey").asText());
      assertThat(first.get("sourceKind").asText()).isEqualTo("alertmanager");
      assertThat(first.get("endsAt").isNull()).isTrue();
      assertThat(first.get("details").get("truncatedAlerts").asInt()).isEqualTo(2);
      assertThat(first.get("links").get("runbook").asText()).contains(name);

      List<ConsumerRecord<String, byte[]>> opened =
          detection.await(
              r ->
                  TopicReader.ofType(EventTypes.ALERT_GROUP_OPENED.name()).test(r)
                      && new String(r.value()).contains(name),
              1,
              Duration.ofSeconds(20));
      assertThat(opened).hasSize(1);
      String groupId = JSON.readTree(opened.get(0).value()).get("alertGroupId").asText();

      // Re-sent (Alertmanager repeats every group_interval), then resolved.
      given()
          .header("Authorization", "Bearer " + token)
          .contentType(ContentType.JSON)
          .body(
              Fixtures.amPayload(
                  "firing", 0, Fixtures.amAlert("firing", name, "order-api", "critical", fp1)))
          .post("/v1/ingest/alertmanager")
          .then()
          .statusCode(202);
      given()
          .header("Authorization", "Bearer " + token)
          .contentType(ContentType.JSON)
          .body(
              Fixtures.amPayload(
                  "resolved",
                  0,
                  Fixtures.amAlert("resolved", name, "order-api", "critical", fp1),
                  Fixtures.amAlert("resolved", name, "order-api", "warning", fp2)))
          .post("/v1/ingest/alertmanager")
          .then()
          .statusCode(202);
      List<ConsumerRecord<String, byte[]>> resolved =
          detection.await(
              r ->
                  TopicReader.ofType(EventTypes.ALERT_GROUP_RESOLVED.name()).test(r)
                      && groupId.equals(r.key()),
              1,
              Duration.ofSeconds(20));
      assertThat(resolved).hasSize(1);
      assertThat(
              detection.drain(Duration.ofMillis(500)).stream()
                  .filter(TopicReader.ofType(EventTypes.ALERT_GROUP_OPENED.name()))
                  .filter(r -> new String(r.value()).contains(name))
                  .count())
          .isEqualTo(1);
    }
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .get("/v1/alert-groups/{id}", groupIdOf(name))
        .then()
        .statusCode(200)
        .body("group.status", equalTo("resolved"))
        .body("group.severity", equalTo("critical"))
        .body("counts.alerts", equalTo(2))
        .body("counts.firing", equalTo(0))
        .body("counts.receives", equalTo(5))
        .body("alerts", hasSize(2));
  }

  @Test
  void aReSendWithNewContentReplacesItAndOneWithTheSameContentKeepsIt() throws Exception {
    String token = Fixtures.integration("alertmanager");
    String name = "DiskFull" + uniq();
    String fp = uniq() + "cc";
    String alert = Fixtures.amAlert("firing", name, "order-db", "warning", fp);
    String changed =
        alert.replace("\"annotations\":{", "\"annotations\":{\"description\":\"now 97 % full\",");
    assertThat(changed).isNotEqualTo(alert);
    for (String body : List.of(alert, alert, changed, changed)) {
      given()
          .header("Authorization", "Bearer " + token)
          .contentType(ContentType.JSON)
          .body(Fixtures.amPayload("firing", 0, body))
          .post("/v1/ingest/alertmanager")
          .then()
          .statusCode(202);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    io.restassured.path.json.JsonPath detail = null;
    while (System.nanoTime() < deadline) {
      List<String> ids = groupIdsOf(name);
      if (ids.size() == 1) {
        detail =
            given()
                .header("Authorization", TestTokens.bearer("vic", "viewer"))
                .get("/v1/alert-groups/{id}", ids.get(0))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        if (detail.getInt("counts.receives") == 4) {
          break;
        }
      }
      Thread.sleep(200);
    }
    assertThat(detail).isNotNull();
    assertThat(detail.getInt("counts.receives")).isEqualTo(4);
    assertThat(detail.getList("alerts")).hasSize(1);
    assertThat(detail.getString("alerts[0].annotations.description")).isEqualTo("now 97 % full");
    assertThat(detail.getString("alerts[0].annotations.summary")).contains(name);
    assertThat(
            scalar(
                "select count(*) from alert where dedup_key = '"
                    + fp
                    + "' and content_hash is not null"))
        .isEqualTo(1);
  }

  private long scalar(String sql) throws Exception {
    try (java.sql.Connection c = db.getConnection();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The ids of the groups whose summary contains {@code text}. */
  static List<String> groupIdsOf(String text) {
    return given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .queryParam("limit", 500)
        .get("/v1/alert-groups")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.findAll { it.summary != null && it.summary.contains('" + text + "') }.id");
  }

  static String groupIdOf(String text) {
    List<String> ids = groupIdsOf(text);
    assertThat(ids).hasSize(1);
    return ids.get(0);
  }
}
