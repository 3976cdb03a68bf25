package io.firebell.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.contracts.EventType;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.FirebellEvent;
import io.firebell.contracts.Topics;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.contracts.incident.IncidentResolved;
import io.firebell.platform.testing.TestEventProducer;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Recurrence and the numbers, from incidents with known times put on Kafka as incident-service
 * would.
 */
@QuarkusTest
class RecurrenceAndMetricsTest {

  private static final String FROM = "2025-03-01T00:00:00Z";
  private static final String TO = "2025-04-01T00:00:00Z";

  @Inject ObjectMapper mapper;

  @Test
  void recurrenceIsFoundAndTheMetricsAreExactToTheSecond() throws Exception {
    String s1 = "pay-" + UUID.randomUUID().toString().substring(0, 6);
    String s2 = "pos-" + UUID.randomUUID().toString().substring(0, 6);
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();
    try (TopicReader reviews = new TopicReader(Topics.REVIEWS)) {
      try (TestEventProducer producer = new TestEventProducer()) {
        incident(
            producer,
            a,
            s1,
            "SEV2",
            "system_alarm",
            "2025-03-10T10:00:00Z",
            "2025-03-10T10:05:00Z",
            "2025-03-10T10:07:00Z",
            "2025-03-10T11:00:00Z");
        incident(
            producer,
            b,
            s1,
            "SEV1",
            "cs_inquiry",
            "2025-03-12T12:00:00Z",
            "2025-03-12T12:20:00Z",
            "2025-03-12T12:21:00Z",
            "2025-03-12T12:50:00Z");
        incident(
            producer,
            c,
            s2,
            "SEV2",
            "partner_report",
            "2025-03-14T14:00:00Z",
            "2025-03-14T14:01:00Z",
            null,
            "2025-03-14T14:31:00Z");
      }
      List<ConsumerRecord<String, byte[]>> recurrences =
          reviews.await(
              r ->
                  b.toString().equals(r.key())
                      && EventTypes.RECURRENCE_DETECTED
                          .name()
                          .equals(TopicReader.header(r, "ce_type")),
              1,
              Duration.ofSeconds(60));
      assertThat(recurrences).hasSize(1);
      JsonNode event = mapper.readTree(recurrences.get(0).value());
      assertThat(event.get("earlier")).hasSize(1);
      assertThat(event.get("earlier").get(0).get("incidentId").asText()).isEqualTo(a.toString());
      assertThat(event.get("earlier").get(0).get("matchedOn").get(0).asText()).isEqualTo("service");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  given()
                          .header("Authorization", TestTokens.bearer("vic", "viewer"))
                          .get("/v1/reports/{id}", c)
                          .statusCode()
                      == 200);
      assertThat(
              reviews.drain(Duration.ofMillis(500)).stream()
                  .filter(
                      r ->
                          c.toString().equals(r.key())
                              && EventTypes.RECURRENCE_DETECTED
                                  .name()
                                  .equals(TopicReader.header(r, "ce_type"))))
          .isEmpty();
    }
    String viewer = TestTokens.bearer("vic", "viewer");
    given()
        .header("Authorization", viewer)
        .get("/v1/incidents/{id}/similar", b)
        .then()
        .statusCode(200)
        .body("$", hasSize(1))
        .body("[0].incidentId", equalTo(a.toString()))
        .body("[0].matchedOn[0]", equalTo("service"))
        .body("[0].reportStatus", equalTo("draft"));
    given()
        .header("Authorization", viewer)
        .get("/v1/incidents/{id}/similar", c)
        .then()
        .statusCode(200)
        .body("$", hasSize(0));
    given()
        .header("Authorization", viewer)
        .get("/v1/incidents/{id}/similar", UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");

    given()
        .header("Authorization", viewer)
        .queryParam("from", FROM)
        .queryParam("to", TO)
        .queryParam("groupBy", "service")
        .get("/v1/metrics/summary")
        .then()
        .statusCode(200)
        .body("total.count", equalTo(3))
        .body("total.mttd.p50", equalTo(300))
        .body("total.mttd.p90", equalTo(1200))
        .body("total.mttd.mean", equalTo(520))
        .body("total.mtta.n", equalTo(2))
        .body("total.mtta.p50", equalTo(60))
        .body("total.mtta.p90", equalTo(120))
        .body("total.mttr.p50", equalTo(3000))
        .body("total.mttr.p90", equalTo(3600))
        .body("total.mttr.mean", equalTo(2820))
        .body("total.foundByCustomersShare", equalTo((float) (1.0 / 3)))
        .body("total.foundByPartnersShare", equalTo((float) (1.0 / 3)))
        .body("total.recurrenceRate", equalTo((float) (1.0 / 3)))
        .body("groups[0].key", equalTo(s1))
        .body("groups[0].count", equalTo(2))
        .body("groups[1].key", equalTo(s2))
        .body("groups[1].mttr.mean", equalTo(1860));
  }

  @Test
  void badQueriesAreProblems() {
    String viewer = TestTokens.bearer("vic", "viewer");
    given()
        .header("Authorization", viewer)
        .queryParam("groupBy", "weather")
        .get("/v1/metrics/summary")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("groupBy"));
    given()
        .header("Authorization", viewer)
        .queryParam("from", TO)
        .queryParam("to", FROM)
        .get("/v1/metrics/summary")
        .then()
        .statusCode(400)
        .body("detail", containsString("before"));
    given()
        .header("Authorization", viewer)
        .queryParam("from", "last week")
        .get("/v1/metrics/summary")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given().get("/v1/metrics/summary").then().statusCode(401);
    given().get("/v1/incidents/{id}/similar", java.util.UUID.randomUUID()).then().statusCode(401);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("firebell_review_mttr_p50_seconds"));
  }

  @Test
  void aNewIncidentIsLinkedToTheTenMostRecentThatItRepeatsOnly() throws Exception {
    String service = "cart-" + UUID.randomUUID().toString().substring(0, 6);
    List<UUID> ids = new java.util.ArrayList<>();
    try (TestEventProducer producer = new TestEventProducer()) {
      for (int day = 1; day <= 13; day++) {
        UUID id = UUID.randomUUID();
        ids.add(id);
        String date = String.format("2024-06-%02d", day);
        incident(
            producer,
            id,
            service,
            "SEV3",
            "system_alarm",
            date + "T10:00:00Z",
            date + "T10:02:00Z",
            date + "T10:03:00Z",
            date + "T10:30:00Z");
      }
    }
    UUID last = ids.get(12);
    // Newest first: days 12 back to 3; days 1 and 2 fall outside the ten.
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 11; i >= 2; i--) {
      expected.add(ids.get(i).toString());
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        given()
                            .header("Authorization", TestTokens.bearer("vic", "viewer"))
                            .get("/v1/incidents/{id}/similar", last)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("incidentId", String.class))
                    .containsExactlyElementsOf(expected));
  }

  @Test
  void anIncidentOnAnotherServiceRepeatsOneWhenItSharesTheComponent() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String component = "orders-db-" + tag;
    Instant day = Instant.parse("2024-07-01T10:00:00Z");
    TestIncidents.Incident first = onComponent(List.of("a-" + tag), component, day);
    TestIncidents.Incident second =
        onComponent(List.of("b-" + tag), component, day.plusSeconds(86_400));
    TestIncidents.Incident unrelated =
        onComponent(List.of("c-" + tag), "cache-" + tag, day.plusSeconds(2 * 86_400));
    // Two services of its own (a services array of two), and one without any service at all.
    TestIncidents.Incident last =
        onComponent(List.of("d-" + tag, "e-" + tag), component, day.plusSeconds(3 * 86_400));
    TestIncidents.Incident nowhere = onComponent(List.of(), null, day.plusSeconds(4 * 86_400));
    try (TestIncidents incidents = new TestIncidents(mapper)) {
      for (TestIncidents.Incident i : List.of(first, second, unrelated, last, nowhere)) {
        incidents.happened(i);
      }
    }
    String viewer = TestTokens.bearer("vic", "viewer");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        given()
                            .header("Authorization", viewer)
                            .get("/v1/incidents/{id}/similar", last.id())
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("incidentId", String.class))
                    .containsExactly(second.id().toString(), first.id().toString()));
    given()
        .header("Authorization", viewer)
        .get("/v1/incidents/{id}/similar", last.id())
        .then()
        .body("[0].matchedOn", org.hamcrest.Matchers.contains("component"));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .header("Authorization", viewer)
                    .get("/v1/incidents/{id}/similar", nowhere.id())
                    .then()
                    .statusCode(200)
                    .body("$", hasSize(0)));
  }

  private static TestIncidents.Incident onComponent(
      List<String> services, String component, Instant occurred) {
    return new TestIncidents.Incident(
        UUID.randomUUID(),
        "SEV3",
        services,
        component,
        "system_alarm",
        occurred,
        occurred.plusSeconds(60),
        null,
        occurred.plusSeconds(1_800));
  }

  private void incident(
      TestEventProducer producer,
      UUID id,
      String service,
      String severity,
      String method,
      String occurred,
      String detected,
      String acknowledged,
      String resolved)
      throws Exception {
    Instant occ = Instant.parse(occurred);
    Instant det = Instant.parse(detected);
    Instant declared = det.plusSeconds(30);
    send(
        producer,
        EventTypes.INCIDENT_DECLARED,
        new IncidentDeclared(
            id,
            "INC-" + id.toString().substring(0, 5),
            "Trouble in " + service,
            null,
            severity,
            "investigating",
            List.of(service),
            List.of("payment"),
            null,
            null,
            method,
            occ,
            det,
            declared,
            "dana@firebell.test",
            null));
    send(
        producer,
        EventTypes.INCIDENT_RESOLVED,
        new IncidentResolved(
            id,
            "Trouble in " + service,
            severity,
            List.of(service),
            List.of("payment"),
            null,
            method,
            occ,
            det,
            declared,
            acknowledged == null ? null : Instant.parse(acknowledged),
            null,
            Instant.parse(resolved),
            List.of("restart"),
            "carol@firebell.test"));
  }

  private <T extends FirebellEvent> void send(
      TestEventProducer producer, EventType<T> type, T event) throws Exception {
    producer.send(type, UUID.randomUUID(), event.aggregateId(), mapper.writeValueAsString(event));
  }
}
