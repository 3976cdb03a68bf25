package io.firebell.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.platform.testing.DatabaseOutage;
import io.firebell.platform.testing.PoisonRecords;
import io.firebell.platform.testing.TestTokens;
import io.firebell.review.TestIncidents.Incident;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's fault scenario "database connections cut" for review-service: while its sessions are
 * terminated and the database refuses connections, readiness is DOWN and editing a report answers
 * 503 problem+json with {@code Retry-After}, never 500; an incident declared and resolved meanwhile
 * gets its report drafted once the database is back, and nothing is parked (an outage is waited
 * out).
 */
@QuarkusTest
class DatabaseOutageTest {

  private static final String REVIEWER = TestTokens.bearer("rita", "reviewer");

  @Inject ObjectMapper mapper;

  @Test
  void aCutDatabaseIsA503AndTheIncidentResolvedMeanwhileGetsItsReport() throws Exception {
    Instant occurred = Instant.now().minus(Duration.ofHours(2));
    Incident before = Incident.of("SEV2", List.of("order-api"), "system_alarm", occurred);
    Incident during = Incident.of("SEV2", List.of("order-api"), "system_alarm", occurred);

    Duration down;
    try (TestIncidents incidents = new TestIncidents(mapper)) {
      incidents.happened(before);
      TestIncidents.awaitReport(before.id());
      try (DatabaseOutage outage = DatabaseOutage.start()) {
        down = DatabaseOutage.awaitReadiness(503, Duration.ofSeconds(30));
        edit(before.id(), "During the outage")
            .statusCode(503)
            .contentType("application/problem+json")
            .header("Retry-After", notNullValue())
            .body("status", equalTo(503));
        incidents.happened(during);
        given().get("/q/health/live").then().statusCode(200);
      }
    }
    Duration up = DatabaseOutage.awaitReadiness(200, Duration.ofSeconds(60));
    edit(before.id(), "After the outage")
        .statusCode(200)
        .body("cause", equalTo("After the outage"));
    TestIncidents.awaitReport(during.id());
    for (String consumer :
        List.of("review.incident-facts", "review.detection-signals", "review.broadcast-timeline")) {
      assertThat(PoisonRecords.parked(consumer))
          .as(consumer)
          .noneMatch(PoisonRecords.withKey(during.id().toString()));
    }
    System.out.printf(
        "FIGURE database cut (review): readiness DOWN after %d ms, UP %d ms after connections"
            + " were allowed again; the edit answered 503 meanwhile, the incident resolved"
            + " meanwhile got its report after%n",
        down.toMillis(), up.toMillis());
  }

  private static ValidatableResponse edit(UUID report, String cause) {
    return given()
        .header("Authorization", REVIEWER)
        .contentType(ContentType.JSON)
        .body("{\"cause\":\"" + cause + "\"}")
        .patch("/v1/reports/{id}", report)
        .then();
  }
}
