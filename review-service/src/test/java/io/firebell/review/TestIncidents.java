package io.firebell.review;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebell.contracts.EventType;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.FirebellEvent;
import io.firebell.contracts.broadcast.DeliverySucceeded;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.contracts.incident.IncidentResolved;
import io.firebell.platform.testing.TestEventProducer;
import io.firebell.platform.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Puts incidents and deliveries on Kafka as incident-service and broadcast-service would. */
final class TestIncidents implements AutoCloseable {

  private final ObjectMapper mapper;
  private final TestEventProducer producer = new TestEventProducer();

  TestIncidents(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** An incident's facts; null times are unknown. */
  record Incident(
      UUID id,
      String severity,
      List<String> services,
      String component,
      String method,
      Instant occurred,
      Instant detected,
      Instant mitigated,
      Instant resolved) {

    static Incident of(String severity, List<String> services, String method, Instant occurred) {
      return new Incident(
          UUID.randomUUID(),
          severity,
          services,
          null,
          method,
          occurred,
          occurred.plusSeconds(60),
          null,
          occurred.plusSeconds(3600));
    }

    String reference() {
      return "INC-" + id.toString().substring(0, 8);
    }

    String title() {
      return "Trouble in " + String.join(", ", services);
    }
  }

  /** Declares it; {@code partner}, when not null, is added to the event as the optional field. */
  void declare(Incident i, String partner) throws Exception {
    IncidentDeclared e =
        new IncidentDeclared(
            i.id(),
            i.reference(),
            i.title(),
            null,
            i.severity(),
            "investigating",
            i.services(),
            List.of("order"),
            null,
            null,
            i.method(),
            i.occurred(),
            i.detected(),
            i.detected().plusSeconds(30),
            "dana@firebell.test",
            null);
    ObjectNode json = mapper.valueToTree(e);
    if (partner != null) {
      json.put("partner", partner);
    }
    producer.send(
        EventTypes.INCIDENT_DECLARED,
        UUID.randomUUID(),
        i.id().toString(),
        mapper.writeValueAsString(json));
  }

  void resolve(Incident i) throws Exception {
    resolve(i, null);
  }

  /** Resolves it; {@code acknowledged}, when not null, is when a responder took it. */
  void resolve(Incident i, Instant acknowledged) throws Exception {
    send(
        EventTypes.INCIDENT_RESOLVED,
        new IncidentResolved(
            i.id(),
            i.title(),
            i.severity(),
            i.services(),
            List.of("order"),
            i.component(),
            i.method(),
            i.occurred(),
            i.detected(),
            i.detected().plusSeconds(30),
            acknowledged,
            i.mitigated(),
            i.resolved(),
            List.of("rollback"),
            "carol@firebell.test"));
  }

  /** Declares and resolves it. */
  void happened(Incident i) throws Exception {
    declare(i, null);
    resolve(i);
  }

  /** Declares and resolves it, acknowledged at {@code acknowledged}. */
  void happened(Incident i, Instant acknowledged) throws Exception {
    declare(i, null);
    resolve(i, acknowledged);
  }

  /** broadcast-service delivered a message of {@code kind} to an endpoint of {@code audience}. */
  UUID delivered(UUID incidentId, String kind, String audience, Instant at) throws Exception {
    UUID eventId = UUID.randomUUID();
    producer.send(
        EventTypes.DELIVERY_SUCCEEDED,
        eventId,
        incidentId.toString(),
        mapper.writeValueAsString(
            new DeliverySucceeded(
                UUID.randomUUID(),
                kind,
                UUID.randomUUID(),
                incidentId,
                UUID.randomUUID(),
                audience + " hook",
                "webhook",
                audience,
                1,
                200,
                at)));
    return eventId;
  }

  <T extends FirebellEvent> void send(EventType<T> type, T event) throws Exception {
    producer.send(type, UUID.randomUUID(), event.aggregateId(), mapper.writeValueAsString(event));
  }

  /** Waits until review-service has drafted the incident's report. */
  static void awaitReport(UUID id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                given()
                        .header("Authorization", TestTokens.bearer("vic", "viewer"))
                        .get("/v1/reports/{id}", id)
                        .statusCode()
                    == 200);
  }

  @Override
  public void close() {
    producer.close();
  }
}
