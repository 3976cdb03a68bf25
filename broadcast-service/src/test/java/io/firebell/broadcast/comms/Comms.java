package io.firebell.broadcast.comms;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.firebell.contracts.EventType;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.FirebellEvent;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.contracts.incident.IncidentRoleAssigned;
import io.firebell.platform.testing.TestEventProducer;
import io.firebell.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** What the broadcast communication tests do again and again, through the public API and Kafka. */
final class Comms {

  static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  static final String ADMIN = TestTokens.bearer("ada", "admin");
  static final String COMMUNICATOR = TestTokens.bearer("hana", "communicator");
  static final String VIEWER = TestTokens.bearer("vic", "viewer");

  private Comms() {}

  /** A service name no other test uses, so subscriptions filtered on it hear only this test. */
  static String uniqueService() {
    return "svc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static UUID endpoint(String kind, String url) {
    String id =
        given()
            .header("Authorization", ADMIN)
            .contentType(ContentType.JSON)
            .body(
                "{\"name\":\"comms-test-"
                    + UUID.randomUUID().toString().substring(0, 8)
                    + "\",\"kind\":\""
                    + kind
                    + "\",\"url\":\""
                    + url
                    + "\"}")
            .post("/v1/endpoints")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return UUID.fromString(id);
  }

  static UUID subscribe(String audience, UUID endpointId, String service) {
    String id =
        given()
            .header("Authorization", ADMIN)
            .contentType(ContentType.JSON)
            .body(
                "{\"audience\":\""
                    + audience
                    + "\",\"endpointId\":\""
                    + endpointId
                    + "\",\"services\":[\""
                    + service
                    + "\"]}")
            .post("/v1/subscriptions")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return UUID.fromString(id);
  }

  static IncidentDeclared declared(UUID incidentId, String title, String service) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new IncidentDeclared(
        incidentId,
        "INC-T-" + incidentId.toString().substring(0, 6),
        title,
        null,
        "SEV2",
        "investigating",
        List.of(service),
        List.of("order"),
        "Orders fail for about 30% of customers",
        "https://chat.example/war-room-" + incidentId.toString().substring(0, 6),
        "system_alarm",
        now.minus(4, ChronoUnit.MINUTES),
        now.minus(2, ChronoUnit.MINUTES),
        now,
        "oncall.kim",
        null);
  }

  static void send(FirebellEvent event, UUID incidentId) throws Exception {
    try (TestEventProducer producer = new TestEventProducer()) {
      send(producer, event, incidentId);
    }
  }

  static void send(TestEventProducer producer, FirebellEvent event, UUID incidentId)
      throws Exception {
    EventType<?> type = EventTypes.of(event.getClass());
    producer.send(type, UUID.randomUUID(), incidentId.toString(), JSON.writeValueAsString(event));
  }

  static IncidentRoleAssigned role(UUID incidentId, String role, String person) {
    return new IncidentRoleAssigned(
        incidentId, role, person, null, null, null, "seoyeon", Instant.now());
  }

  static ObjectNode json(String body) throws Exception {
    return (ObjectNode) JSON.readTree(body);
  }

  static long count(DataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String string(DataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
