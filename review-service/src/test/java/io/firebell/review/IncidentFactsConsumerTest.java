package io.firebell.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Fixtures;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.TestEventProducer;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IncidentFactsConsumerTest {

  @Inject AgroalDataSource db;
  @Inject ObjectMapper mapper;

  @Test
  void theSameEventDeliveredTwiceHasOneEffect() throws Exception {
    UUID incidentId = UUID.randomUUID();
    UUID eventId = UUID.randomUUID();
    String json = declared(incidentId, "Order API latency");
    double duplicatesBefore = duplicates();

    try (TestEventProducer producer = new TestEventProducer()) {
      producer.send(EventTypes.INCIDENT_DECLARED, eventId, incidentId.toString(), json);
      producer.send(EventTypes.INCIDENT_DECLARED, eventId, incidentId.toString(), json);
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> duplicates() >= duplicatesBefore + 1);
    given()
        .header("Authorization", TestTokens.bearer("rita", "reviewer"))
        .when()
        .get("/v1/incident-facts/{id}", incidentId)
        .then()
        .statusCode(200)
        .body("title", equalTo("Order API latency"))
        .body("severity", equalTo("SEV2"))
        .body("services", hasItem("order-api"));
    assertThat(count("select count(*) from incident_fact where incident_id = '" + incidentId + "'"))
        .isEqualTo(1);
    assertThat(count("select count(*) from inbox_event where event_id = '" + eventId + "'"))
        .isEqualTo(1);
    assertThat(duplicates()).isEqualTo(duplicatesBefore + 1);
  }

  @Test
  void aMalformedRecordIsSkippedAndTheNextEventStillArrives() throws Exception {
    UUID incidentId = UUID.randomUUID();
    try (TestEventProducer producer = new TestEventProducer()) {
      producer.sendRaw(
          Topics.INCIDENTS,
          incidentId.toString(),
          "not a cloud event".getBytes(StandardCharsets.UTF_8),
          new RecordHeaders());
      producer.send(
          EventTypes.INCIDENT_DECLARED,
          UUID.randomUUID(),
          incidentId.toString(),
          declared(incidentId, "After the poison"));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count("select count(*) from incident_fact where incident_id = '" + incidentId + "'")
                    == 1);
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .when()
        .get("/v1/incident-facts/{id}", incidentId)
        .then()
        .statusCode(200)
        .body("title", equalTo("After the poison"));
  }

  /**
   * The detection consumer handles only {@code declaration-requested}: other detection events are
   * skipped before a transaction opens, so they leave no inbox row.
   */
  @Test
  void anEventTypeAConsumerDoesNotHandleLeavesNoInboxRow() throws Exception {
    UUID group = UUID.randomUUID();
    UUID opened = UUID.randomUUID();
    UUID requested = UUID.randomUUID();
    String signals = "consumer=\"review.detection-signals\"";
    String openedType = "type=\"" + EventTypes.ALERT_GROUP_OPENED.name() + "\"";
    double ignoredBefore = counter("firebell_inbox_ignored_total", signals, openedType);
    ObjectNode declaration =
        (ObjectNode) mapper.readTree(Fixtures.json(EventTypes.DECLARATION_REQUESTED));
    declaration.put("alertGroupId", group.toString());

    try (TestEventProducer producer = new TestEventProducer()) {
      // One key, one partition: the ignored event is consumed before the handled one.
      producer.send(
          EventTypes.ALERT_GROUP_OPENED,
          opened,
          group.toString(),
          Fixtures.json(EventTypes.ALERT_GROUP_OPENED));
      producer.send(
          EventTypes.DECLARATION_REQUESTED,
          requested,
          group.toString(),
          mapper.writeValueAsString(declaration));
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count("select count(*) from inbox_event where event_id = '" + requested + "'")
                    == 1);
    assertThat(
            count("select count(*) from detection_signal where alert_group_id = '" + group + "'"))
        .isEqualTo(1);
    assertThat(count("select count(*) from inbox_event where event_id = '" + opened + "'"))
        .isZero();
    assertThat(counter("firebell_inbox_ignored_total", signals, openedType))
        .isGreaterThanOrEqualTo(ignoredBefore + 1);
  }

  @Test
  void readingNeedsAToken() {
    given()
        .when()
        .get("/v1/incident-facts")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .when()
        .get("/v1/incident-facts/{id}", UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .queryParam("limit", 0)
        .when()
        .get("/v1/incident-facts")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  private static String declared(UUID incidentId, String title) {
    return Fixtures.json(EventTypes.INCIDENT_DECLARED)
        .replaceAll("\"incidentId\"\\s*:\\s*\"[^\"]+\"", "\"incidentId\":\"" + incidentId + "\"")
        .replaceAll("\"title\"\\s*:\\s*\"[^\"]+\"", "\"title\":\"" + title + "\"");
  }

  private double duplicates() {
    return counter("firebell_inbox_duplicates_total", "consumer=\"review.incident-facts\"");
  }

  /** The sum of the counter's series that carry every one of {@code labels}. */
  private double counter(String name, String... labels) {
    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(l -> l.startsWith(name + "{") && Arrays.stream(labels).allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf('}') + 1).trim().split(" ")[0]))
        .sum();
  }

  private long count(String sql) throws SQLException {
    try (Connection c = db.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
