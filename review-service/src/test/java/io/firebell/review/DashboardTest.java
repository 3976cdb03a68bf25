package io.firebell.review;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.contracts.incident.IncidentResolved;
import io.firebell.platform.testing.TestEventProducer;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DashboardTest {

  @Inject ObjectMapper mapper;

  @Test
  void theDashboardShowsTheRecentIncidentsToViewersOnly() throws Exception {
    UUID id = UUID.randomUUID();
    String service = "dash-" + id.toString().substring(0, 6);
    Instant occurred = Instant.now().minus(Duration.ofDays(3));
    try (TestEventProducer producer = new TestEventProducer()) {
      producer.send(
          EventTypes.INCIDENT_DECLARED,
          UUID.randomUUID(),
          id.toString(),
          mapper.writeValueAsString(
              new IncidentDeclared(
                  id,
                  "INC-D1",
                  "Checkout down",
                  null,
                  "SEV1",
                  "investigating",
                  List.of(service),
                  List.of("order"),
                  null,
                  null,
                  "cs_inquiry",
                  occurred,
                  occurred.plusSeconds(600),
                  occurred.plusSeconds(660),
                  "dana@firebell.test",
                  null)));
      producer.send(
          EventTypes.INCIDENT_RESOLVED,
          UUID.randomUUID(),
          id.toString(),
          mapper.writeValueAsString(
              new IncidentResolved(
                  id,
                  "Checkout down",
                  "SEV1",
                  List.of(service),
                  List.of("order"),
                  null,
                  "cs_inquiry",
                  occurred,
                  occurred.plusSeconds(600),
                  occurred.plusSeconds(660),
                  null,
                  null,
                  occurred.plusSeconds(3600),
                  List.of("rollback"),
                  "carol@firebell.test")));
    }
    String token = TestTokens.of("olga", "viewer");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                given()
                        .header("Authorization", "Bearer " + token)
                        .get("/v1/reports/{id}", id)
                        .statusCode()
                    == 200);

    // Other tests' incidents may share the test broker, so the page is checked for its parts and
    // the incident for its place in the same numbers the page draws.
    given()
        .header("Authorization", "Bearer " + token)
        .get("/dashboard")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("Incidents per week, by severity"))
        .body(containsString("How incidents were found"))
        .body(containsString("<svg"));
    given()
        .header("Authorization", "Bearer " + token)
        .queryParam("from", occurred.minus(Duration.ofDays(1)).toString())
        .queryParam("groupBy", "service")
        .get("/v1/metrics/summary")
        .then()
        .statusCode(200)
        .body("groups.key", org.hamcrest.Matchers.hasItem(service));
    given()
        .header("Authorization", "Bearer " + token)
        .get("/dashboard?weeks=4")
        .then()
        .statusCode(200)
        .body(containsString("Last 4 weeks"));
    // The week the incident occurred in, as the console's dashboard draws it.
    given()
        .header("Authorization", "Bearer " + token)
        .queryParam("from", occurred.minus(Duration.ofDays(1)).toString())
        .queryParam("groupBy", "week")
        .get("/v1/metrics/summary")
        .then()
        .statusCode(200)
        .body(
            "groups.key",
            org.hamcrest.Matchers.hasItem(
                occurred
                    .atZone(java.time.ZoneOffset.UTC)
                    .toLocalDate()
                    .with(
                        java.time.temporal.TemporalAdjusters.previousOrSame(
                            java.time.DayOfWeek.MONDAY))
                    .toString()));
    // A token in a cookie is no token: people open the dashboard through the console.
    given().cookie("firebell_token", token).get("/dashboard").then().statusCode(401);
    given().get("/dashboard").then().statusCode(401);
    given()
        .header("Authorization", "Bearer " + token)
        .get("/dashboard?weeks=2")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }
}
