package io.firebell.review;

import static io.firebell.platform.testing.PoisonRecords.ADMIN;
import static io.firebell.platform.testing.PoisonRecords.awaitParked;
import static io.firebell.platform.testing.PoisonRecords.ofEvent;
import static io.firebell.platform.testing.PoisonRecords.withKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.Metrics;
import io.firebell.platform.testing.PoisonRecords;
import io.firebell.platform.testing.Sql;
import io.firebell.platform.testing.TestEventProducer;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Poison records on {@code firebell.broadcasts.v1} against review-service's timeline consumer:
 * garbage bytes, an event that does not fit its type's schema and an event whose effect the
 * database keeps refusing are parked, the good event behind them on the same partition is applied,
 * and an admin sees, replays and discards them through {@code /v1/admin/parked-events}.
 */
@QuarkusTest
class ParkedEventsTest {

  private static final String CONSUMER = "review.broadcast-timeline";

  @Inject AgroalDataSource db;

  @Test
  void poisonRecordsAreParkedAndThePartitionKeepsFlowing() throws Exception {
    UUID incident = UUID.randomUUID();
    String key = incident.toString();
    String marker = "poison-" + UUID.randomUUID();
    UUID wrongSchema = UUID.randomUUID();
    UUID refused = UUID.randomUUID();
    UUID good = UUID.randomUUID();

    try (AutoCloseable refusal =
            PoisonRecords.refuseWrites(
                db, "timeline_entry", "new.summary like '%" + marker + "%'");
        TestEventProducer producer = new TestEventProducer()) {
      // One key, one partition, in this order.
      PoisonRecords.sendGarbage(producer, Topics.BROADCASTS, key);
      producer.send(
          EventTypes.UPDATE_PUBLISHED, wrongSchema, key, "{\"incidentId\": 42, \"audiences\": {}}");
      producer.send(EventTypes.UPDATE_PUBLISHED, refused, key, update(incident, marker));
      producer.send(EventTypes.UPDATE_PUBLISHED, good, key, update(incident, "monitoring"));

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> count("select count(*) from timeline_entry where id = ?", good) == 1);

      JsonPath garbage =
          awaitParked(
              CONSUMER, withKey(key).and(p -> p.get("eventId") == null), Duration.ofSeconds(10));
      assertThat(garbage.getString("topic")).isEqualTo(Topics.BROADCASTS);
      assertThat(garbage.getInt("attempts")).isEqualTo(1);
      assertThat(garbage.getString("errorClass")).endsWith("MalformedEventException");
      assertThat(garbage.getString("valueBase64")).isNotBlank();

      JsonPath schema = awaitParked(CONSUMER, ofEvent(wrongSchema), Duration.ofSeconds(10));
      assertThat(schema.getInt("attempts")).isEqualTo(1);
      assertThat(schema.getString("eventType")).isEqualTo(EventTypes.UPDATE_PUBLISHED.name());
      assertThat(schema.getString("valueText")).contains("\"incidentId\": 42");

      JsonPath poison = awaitParked(CONSUMER, ofEvent(refused), Duration.ofSeconds(10));
      assertThat(poison.getInt("attempts")).isEqualTo(5);
      assertThat(poison.getString("errorMessage")).contains("refused by the test");
      assertThat(poison.getInt("partition")).isEqualTo(garbage.getInt("partition"));
      assertThat(poison.getLong("offset")).isGreaterThan(garbage.getLong("offset"));
      assertThat(poison.getList("headers.name")).contains("ce_id", "ce_type");
      assertThat(count("select count(*) from timeline_entry where id = ?", refused)).isZero();
      assertThat(Metrics.sum("firebell_events_parked", "consumer=\"" + CONSUMER + "\""))
          .isGreaterThanOrEqualTo(3);

      // While the database still refuses it, a replay fails again and the record stays parked.
      String id = poison.getString("id");
      given()
          .header("Authorization", ADMIN)
          .post("/v1/admin/parked-events/{id}/replay", id)
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("detail", containsString("refused by the test"));
      given()
          .header("Authorization", ADMIN)
          .get("/v1/admin/parked-events/{id}", id)
          .then()
          .statusCode(200)
          .body("attempts", equalTo(6));

      refusal.close();
      given()
          .header("Authorization", ADMIN)
          .post("/v1/admin/parked-events/{id}/replay", id)
          .then()
          .statusCode(200)
          .body("outcome", equalTo("applied"));
      assertThat(count("select count(*) from timeline_entry where id = ?", refused)).isEqualTo(1);
      given()
          .header("Authorization", ADMIN)
          .get("/v1/admin/parked-events/{id}", id)
          .then()
          .statusCode(404)
          .contentType("application/problem+json");

      // Discarding removes it without applying it.
      given()
          .header("Authorization", ADMIN)
          .delete("/v1/admin/parked-events/{id}", schema.getString("id"))
          .then()
          .statusCode(204);
      assertThat(PoisonRecords.parked(CONSUMER)).noneMatch(ofEvent(wrongSchema));
    }
  }

  @Test
  void aReplayOfAnEventProcessedMeanwhileHasNoSecondEffect() throws Exception {
    UUID incident = UUID.randomUUID();
    String key = incident.toString();
    String marker = "poison-" + UUID.randomUUID();
    UUID eventId = UUID.randomUUID();
    String json = update(incident, marker);
    JsonPath parked;
    try (AutoCloseable refusal =
            PoisonRecords.refuseWrites(
                db, "timeline_entry", "new.summary like '%" + marker + "%'");
        TestEventProducer producer = new TestEventProducer()) {
      producer.send(EventTypes.UPDATE_PUBLISHED, eventId, key, json);
      parked = awaitParked(CONSUMER, ofEvent(eventId), Duration.ofSeconds(60));
    }
    // The producer's relay sends the event again (at-least-once), and now it applies.
    try (TestEventProducer producer = new TestEventProducer()) {
      producer.send(EventTypes.UPDATE_PUBLISHED, eventId, key, json);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> count("select count(*) from timeline_entry where id = ?", eventId) == 1);

    given()
        .header("Authorization", ADMIN)
        .post("/v1/admin/parked-events/{id}/replay", parked.getString("id"))
        .then()
        .statusCode(200)
        .body("outcome", equalTo("skipped"));
    assertThat(count("select count(*) from timeline_entry where id = ?", eventId)).isEqualTo(1);
  }

  @Test
  void onlyAdminsSeeParkedEvents() {
    given().get("/v1/admin/parked-events").then().statusCode(401);
    String viewer = TestTokens.bearer("vic", "viewer");
    given()
        .header("Authorization", viewer)
        .get("/v1/admin/parked-events")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .header("Authorization", TestTokens.bearer("rita", "reviewer"))
        .post("/v1/admin/parked-events/{id}/replay", UUID.randomUUID())
        .then()
        .statusCode(403);
    given()
        .header("Authorization", ADMIN)
        .delete("/v1/admin/parked-events/{id}", UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .header("Authorization", ADMIN)
        .queryParam("cursor", "not a cursor")
        .get("/v1/admin/parked-events")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  private static String update(UUID incident, String status) {
    return PoisonRecords.fixture(
        EventTypes.UPDATE_PUBLISHED, "incidentId", incident.toString(), "status", status);
  }

  private long count(String sql, UUID id) throws SQLException {
    return Sql.count(db, sql, id);
  }
}
