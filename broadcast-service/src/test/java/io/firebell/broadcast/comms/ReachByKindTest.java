package io.firebell.broadcast.comms;

import static io.firebell.broadcast.comms.Comms.ADMIN;
import static io.firebell.broadcast.comms.Comms.COMMUNICATOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.firebell.client.Receiver;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.contracts.incident.IncidentUpdated;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How widely news goes depends on the type of incident: subscriptions filter by incident kind (the
 * detection method incident-service's events carry) as well as domain, service and severity.
 */
@QuarkusTest
class ReachByKindTest {

  @Inject AgroalDataSource db;

  @Test
  void aSubscriptionHearsOnlyTheKindsOfIncidentItAskedFor() throws Exception {
    String service = Comms.uniqueService();
    try (Receiver partnerReports = new Receiver();
        Receiver systemAlarms = new Receiver();
        Receiver everything = new Receiver()) {
      subscribe(partnerReports.url("/hook"), service, List.of("partner_report"))
          .statusCode(201)
          .body("kinds", contains("partner_report"));
      subscribe(systemAlarms.url("/hook"), service, List.of("system_alarm", "business_metric"))
          .statusCode(201);
      subscribe(everything.url("/hook"), service, List.of()).statusCode(201);

      UUID id = UUID.randomUUID();
      IncidentDeclared base = Comms.declared(id, "PG reports card payments failing", service);
      IncidentDeclared declared =
          new IncidentDeclared(
              id,
              base.reference(),
              base.title(),
              null,
              "SEV2",
              "investigating",
              base.services(),
              base.domains(),
              base.impactScope(),
              base.warRoomUrl(),
              "partner_report",
              base.occurredAt(),
              base.detectedAt(),
              base.declaredAt(),
              "oncall.kim",
              null,
              "pg-kcp");
      Comms.send(declared, id);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> !partnerReports.received().isEmpty() && !everything.received().isEmpty());
      Thread.sleep(1500);
      assertThat(systemAlarms.received()).as("a system-alarm subscription").isEmpty();
      JsonNode alarm = Comms.json(partnerReports.received().get(0).body());
      assertThat(alarm.path("detectionMethod").asText()).isEqualTo("partner_report");
      assertThat(alarm.path("partner").asText()).isEqualTo("pg-kcp");
      assertThat(
              Comms.string(
                  db,
                  "select partner || '/' || detection_method from incident where id = '"
                      + id
                      + "'"))
          .isEqualTo("pg-kcp/partner_report");

      // the incident turns out to be a system alarm: later news follows its new kind
      Comms.send(
          new IncidentUpdated(
              id,
              Map.of("detectionMethod", "system_alarm"),
              base.title(),
              "SEV2",
              "identified",
              base.services(),
              base.domains(),
              base.impactScope(),
              base.warRoomUrl(),
              "oncall.kim",
              Instant.now(),
              "system_alarm",
              null),
          id);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  "system_alarm"
                      .equals(
                          Comms.string(
                              db,
                              "select detection_method from incident where id = '" + id + "'")));
      given()
          .header("Authorization", COMMUNICATOR)
          .contentType(ContentType.JSON)
          .body(
              Map.of(
                  "status",
                  "identified",
                  "impact",
                  "Card payments fail for some orders.",
                  "audiences",
                  List.of("dev_org")))
          .post("/v1/incidents/{id}/updates", id)
          .then()
          .statusCode(201)
          .body("recipients", equalTo(2));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> systemAlarms.received().size() == 1 && everything.received().size() == 2);
      Thread.sleep(1000);
      assertThat(partnerReports.received()).as("no longer a partner report").hasSize(1);
    }
  }

  @Test
  void anUnknownKindIsRefused() {
    UUID endpoint = Comms.endpoint("webhook", "http://127.0.0.1:9/x");
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("audience", "dev_org", "endpointId", endpoint, "kinds", List.of("rumour")))
        .post("/v1/subscriptions")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("kinds"));
  }

  private static io.restassured.response.ValidatableResponse subscribe(
      String url, String service, List<String> kinds) {
    UUID endpoint = Comms.endpoint("webhook", url);
    return given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "audience",
                "dev_org",
                "endpointId",
                endpoint,
                "services",
                List.of(service),
                "kinds",
                kinds))
        .post("/v1/subscriptions")
        .then();
  }
}
