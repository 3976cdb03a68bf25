package io.firebell.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.incident.model.DomainRulesTest;
import io.firebell.incident.model.Timeline;
import io.firebell.platform.events.CloudEventHeaders;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeclareIncidentTest {

  @Inject AgroalDataSource db;
  @Inject ObjectMapper mapper;

  @Test
  void declaringWithTheConfirmedMinimumCommitsTheIncidentAndRingsTheFireAlarm() throws Exception {
    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS)) {
      String id =
          given()
              .header("Authorization", TestTokens.bearer("dana", "responder"))
              .contentType(ContentType.JSON)
              .body("{\"title\":\"Order API latency\",\"service\":\"order-api\"}")
              .when()
              .post("/v1/incidents")
              .then()
              .statusCode(201)
              .header("Location", containsString("/v1/incidents/"))
              .body("reference", startsWith("INC-"))
              .body("severity", equalTo("SEV3"))
              .body("status", equalTo("investigating"))
              .body("services", hasItem("order-api"))
              .body("detectionMethod", equalTo("manual"))
              .body("declaredBy", equalTo("dana@firebell.test"))
              .body("detectedAt", notNullValue())
              .extract()
              .path("id");

      List<ConsumerRecord<String, byte[]>> declared =
          incidents.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
      assertThat(declared).hasSize(1);
      ConsumerRecord<String, byte[]> record = declared.get(0);
      assertThat(TopicReader.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
      assertThat(TopicReader.header(record, CloudEventHeaders.TYPE))
          .isEqualTo(EventTypes.INCIDENT_DECLARED.name());
      assertThat(TopicReader.header(record, CloudEventHeaders.SOURCE))
          .isEqualTo("/firebell/incident-service");
      assertThat(TopicReader.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
      assertThat(TopicReader.header(record, CloudEventHeaders.ID)).isNotBlank();
      JsonNode data = mapper.readTree(record.value());
      assertThat(data.get("incidentId").asText()).isEqualTo(id);
      assertThat(data.get("title").asText()).isEqualTo("Order API latency");
      assertThat(data.get("severity").asText()).isEqualTo("SEV3");

      assertThat(
              count(
                  "select count(*) from outbox_message where record_key = '"
                      + id
                      + "' and sent_at is not null"))
          .isEqualTo(1);
    }

    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .when()
        .get("/v1/incidents/{id}", idOfLatest())
        .then()
        .statusCode(200)
        .body("title", equalTo("Order API latency"));
  }

  @Test
  void everythingOptionalIsKept() {
    given()
        .header("Authorization", TestTokens.bearer("dana", "responder"))
        .contentType(ContentType.JSON)
        .body(
            """
            {"title":"Payments failing at PG","domain":"payment","severity":"SEV1",
             "impactScope":"card payments fail for all users","warRoomUrl":"https://chat.example.com/war-room/42",
             "detectionMethod":"external_integration","occurredAt":"2026-11-25T08:00:00Z","detectedAt":"2026-11-25T08:05:00Z"}
            """)
        .when()
        .post("/v1/incidents")
        .then()
        .statusCode(201)
        .body("severity", equalTo("SEV1"))
        .body("domains", hasItem("payment"))
        .body("occurredAt", equalTo("2026-11-25T08:00:00Z"))
        .body("detectedAt", equalTo("2026-11-25T08:05:00Z"))
        .body("detectionMethod", equalTo("external_integration"))
        .body("warRoomUrl", equalTo("https://chat.example.com/war-room/42"));
  }

  @Test
  void theDeclarationsRowsNameEveryColumnAndReadBackAsDeclared() throws Exception {
    // A declared incident and its timeline entry are inserted from Incident.row() and
    // TimelineEntry.row(), not through Hibernate (ADR 0156): a column a migration adds must be
    // added there too, or a declaration would write the column's default.
    assertThat(DomainRulesTest.incident().row().columns().keySet())
        .containsExactlyInAnyOrderElementsOf(columnsOf("incident"));
    assertThat(
            Timeline.note(UUID.randomUUID(), "n", "dana", Instant.now()).row().columns().keySet())
        .containsExactlyInAnyOrderElementsOf(
            columnsOf("incident_timeline").stream().filter(c -> !c.equals("seq")).toList());

    // What the declaration answers (the incident in memory) is what is read back from the table.
    JsonNode posted =
        mapper.readTree(
            given()
                .header("Authorization", TestTokens.bearer("dana", "responder"))
                .contentType(ContentType.JSON)
                .body(
                    """
                    {"title":"Card payments fail at the PG","summary":"3DS times out",
                     "domain":"payment","service":"checkout","severity":"SEV1",
                     "impactScope":"card payments","warRoomUrl":"https://chat.example.com/room/7",
                     "detectionMethod":"external_integration","partner":"pg-kcp",
                     "occurredAt":"2026-11-25T08:00:00Z","detectedAt":"2026-11-25T08:05:00Z"}
                    """)
                .when()
                .post("/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .asString());
    JsonNode read =
        mapper.readTree(
            given()
                .header("Authorization", TestTokens.bearer("vic", "viewer"))
                .when()
                .get("/v1/incidents/{id}", posted.get("id").asText())
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(read.get("partner").asText()).isEqualTo("pg-kcp");
    List<String> fields = new ArrayList<>();
    posted.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).contains("declaredAt", "services", "domains", "version");
    // The recovery suggestion is computed when an incident is read (ADR 0210), not stored.
    fields.remove("recoverySuggestion");
    for (String field : fields) {
      JsonNode want = posted.get(field);
      JsonNode got = read.get(field);
      if (want.isTextual() && want.asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z")) {
        // PostgreSQL keeps microseconds; the clock may give nanoseconds.
        assertThat(
                Duration.between(Instant.parse(want.asText()), Instant.parse(got.asText())).abs())
            .as(field)
            .isLessThanOrEqualTo(Duration.ofNanos(1_000));
      } else {
        assertThat(got).as(field).isEqualTo(want);
      }
    }
  }

  @Test
  void badInputIsAProblemAndPersistsNothing() throws SQLException {
    long incidentsBefore = count("select count(*) from incident");
    long outboxBefore = count("select count(*) from outbox_message");

    expectProblem("{\"service\":\"order-api\"}", 400, "title");
    expectProblem("{\"title\":\"no scope\"}", 400, "service or a domain");
    expectProblem("{\"title\":\"x\",\"service\":\"a\",\"severity\":\"SEV9\"}", 400, "severity");
    expectProblem(
        "{\"title\":\"x\",\"service\":\"a\",\"detectionMethod\":\"psychic\"}",
        400,
        "detectionMethod");
    expectProblem(
        "{\"title\":\"x\",\"service\":\"a\",\"occurredAt\":\"yesterday\"}", 400, "occurredAt");
    expectProblem(
        "{\"title\":\"x\",\"service\":\"a\",\"warRoomUrl\":\"not a url\"}", 400, "warRoomUrl");
    expectProblem("{\"title\": \"x\", ", 400, "not valid JSON");

    assertThat(count("select count(*) from incident")).isEqualTo(incidentsBefore);
    assertThat(count("select count(*) from outbox_message")).isEqualTo(outboxBefore);
  }

  @Test
  void unauthenticatedIs401AndUnauthorisedIs403() {
    String body = "{\"title\":\"x\",\"service\":\"a\"}";
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/v1/incidents")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .contentType("application/problem+json")
        .body("status", equalTo(401));
    given()
        .header("Authorization", "Bearer " + TestTokens.forged("mallory", "admin"))
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/v1/incidents")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/v1/incidents")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("status", equalTo(403));
    given()
        .header("Authorization", TestTokens.bearer("ada", "admin"))
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/v1/incidents")
        .then()
        .statusCode(201);
  }

  @Test
  void unknownIncidentIs404Problem() {
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .when()
        .get("/v1/incidents/{id}", "6b1f5c1e-0000-4000-8000-000000000000")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("title", equalTo("Not found"));
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .when()
        .get("/v1/incidents/not-a-uuid")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  private static void expectProblem(String body, int status, String detailContains) {
    given()
        .header("Authorization", TestTokens.bearer("dana", "responder"))
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/v1/incidents")
        .then()
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("detail", containsString(detailContains))
        .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("stackTrace")));
  }

  private String idOfLatest() throws SQLException {
    try (Connection c = db.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery("select id from incident order by declared_at desc limit 1")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private List<String> columnsOf(String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Connection c = db.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "select column_name from information_schema.columns where table_schema ="
                        + " current_schema() and table_name = '"
                        + table
                        + "'")) {
      while (rs.next()) {
        columns.add(rs.getString(1));
      }
    }
    assertThat(columns).isNotEmpty();
    return columns;
  }

  private long count(String sql) throws SQLException {
    try (Connection c = db.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
