package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.testing.DatabaseOutage;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's fault scenario "database connections cut": detection-service's sessions are terminated
 * and the database refuses connections for a while. Readiness goes DOWN and back UP; where ingest
 * needs the database (a token not cached yet) it answers 503 problem+json with {@code Retry-After},
 * as does an API write, never 500; ingest with a cached token keeps acknowledging (the alert is on
 * Kafka), and that alert is grouped once the database is back.
 */
@QuarkusTest
class DatabaseOutageTest {

  @Inject AgroalDataSource db;

  @Test
  void aCutDatabaseIsA503AndNothingAcknowledgedIsLost() throws Exception {
    String cached = Fixtures.integration("alertmanager");
    String uncached = Fixtures.integration("alertmanager");
    String name = "DbOutage" + UUID.randomUUID().toString().substring(0, 8);
    ingest(cached, name, name + "-before").statusCode(202);

    Duration down;
    Duration up;
    try (DatabaseOutage outage = DatabaseOutage.start()) {
      down = DatabaseOutage.awaitReadiness(503, Duration.ofSeconds(30));
      unavailable(ingest(uncached, name, name + "-refused"));
      unavailable(
          given()
              .header("Authorization", TestTokens.bearer("ada", "admin"))
              .contentType(ContentType.JSON)
              .body("{\"description\":\"during the outage\"}")
              .put("/v1/domains/outage-" + name.toLowerCase())
              .then());
      // Ingest itself does not need the database: the alert is acknowledged on Kafka.
      ingest(cached, name, name + "-during").statusCode(202);
      given().get("/q/health/live").then().statusCode(200);
    }
    up = DatabaseOutage.awaitReadiness(200, Duration.ofSeconds(60));
    ingest(uncached, name, name + "-after").statusCode(202);

    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (stored(name + "-during") + stored(name + "-after") < 2) {
      assertThat(System.nanoTime()).as("alerts grouped after the outage").isLessThan(deadline);
      Thread.sleep(250);
    }
    assertThat(stored(name + "-refused")).isZero();
    System.out.printf(
        "FIGURE database cut (detection): readiness DOWN after %d ms, UP %d ms after connections"
            + " were allowed again; the alert acknowledged meanwhile was grouped%n",
        down.toMillis(), up.toMillis());
  }

  private static void unavailable(ValidatableResponse response) {
    response
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", notNullValue())
        .body("status", equalTo(503));
  }

  private static ValidatableResponse ingest(String token, String name, String fingerprint) {
    return given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(
            Fixtures.amPayload(
                "firing",
                0,
                Fixtures.amAlert("firing", name, "order-api", "critical", fingerprint)))
        .post("/v1/ingest/alertmanager")
        .then();
  }

  private long stored(String fingerprint) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("select count(*) from alert where dedup_key = ?")) {
      s.setString(1, fingerprint);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
