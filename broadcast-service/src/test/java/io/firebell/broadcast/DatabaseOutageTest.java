package io.firebell.broadcast;

import static io.firebell.platform.testing.PoisonRecords.fixture;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.platform.testing.DatabaseOutage;
import io.firebell.platform.testing.PoisonRecords;
import io.firebell.platform.testing.Sql;
import io.firebell.platform.testing.TestEventProducer;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's fault scenario "database connections cut" for broadcast-service: while its sessions
 * are terminated and the database refuses connections, readiness is DOWN and an API write answers
 * 503 problem+json with {@code Retry-After}, never 500; an {@code incident.declared} that arrives
 * meanwhile is applied once the database is back, and not parked (an outage is waited out).
 */
@QuarkusTest
class DatabaseOutageTest {

  private static final String ADMIN = TestTokens.bearer("ada", "admin");

  @Inject AgroalDataSource db;

  @Test
  void aCutDatabaseIsA503AndTheEventThatArrivedMeanwhileIsApplied() throws Exception {
    String key = "outage_" + UUID.randomUUID().toString().substring(0, 8);
    UUID incident = UUID.randomUUID();
    create(key).statusCode(201);

    Duration down;
    try (TestEventProducer producer = new TestEventProducer()) {
      try (DatabaseOutage outage = DatabaseOutage.start()) {
        down = DatabaseOutage.awaitReadiness(503, Duration.ofSeconds(30));
        rename(key, "During the outage")
            .statusCode(503)
            .contentType("application/problem+json")
            .header("Retry-After", notNullValue())
            .body("status", equalTo(503));
        producer.send(
            EventTypes.INCIDENT_DECLARED,
            UUID.randomUUID(),
            incident.toString(),
            fixture(
                EventTypes.INCIDENT_DECLARED,
                "incidentId",
                incident.toString(),
                "title",
                "Declared during the outage"));
        given().get("/q/health/live").then().statusCode(200);
      }
    }
    Duration up = DatabaseOutage.awaitReadiness(200, Duration.ofSeconds(60));
    rename(key, "After the outage").statusCode(200).body("name", equalTo("After the outage"));

    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (incidents(incident) == 0) {
      assertThat(System.nanoTime())
          .as("the incident applied after the outage")
          .isLessThan(deadline);
      Thread.sleep(250);
    }
    assertThat(incidents(incident)).isEqualTo(1);
    assertThat(PoisonRecords.parked("broadcast.incidents"))
        .noneMatch(PoisonRecords.withKey(incident.toString()));
    System.out.printf(
        "FIGURE database cut (broadcast): readiness DOWN after %d ms, UP %d ms after connections"
            + " were allowed again; the write answered 503 meanwhile, the event that arrived was"
            + " applied after%n",
        down.toMillis(), up.toMillis());
  }

  private static ValidatableResponse create(String key) {
    return given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "key",
                key,
                "name",
                "Before the outage",
                "scope",
                "external",
                "register",
                "service"))
        .post("/v1/audiences")
        .then();
  }

  private static ValidatableResponse rename(String key, String name) {
    return given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("name", name, "scope", "external", "register", "service"))
        .put("/v1/audiences/" + key)
        .then();
  }

  /** How many read-model rows the incident has; 0 while a pooled JDBC connection is still dead. */
  private long incidents(UUID incident) {
    try {
      return Sql.count(db, "select count(*) from incident where id = ?", incident);
    } catch (SQLException e) {
      return 0;
    }
  }
}
