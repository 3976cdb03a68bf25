package io.firebell.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.firebell.platform.testing.DatabaseOutage;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's fault scenario "database connections cut" for incident-service's write API: while its
 * sessions are terminated and the database refuses connections, readiness is DOWN and declaring
 * answers 503 problem+json with {@code Retry-After} (nothing was declared), never 500; once the
 * database is back, readiness is UP and the same declaration succeeds.
 */
@QuarkusTest
class DatabaseOutageTest {

  @Test
  void declaringWhileTheDatabaseIsCutIsA503AndWorksOnceItIsBack() throws Exception {
    String title = "Database outage " + UUID.randomUUID();
    declare(title).statusCode(201);
    Duration down;
    try (DatabaseOutage outage = DatabaseOutage.start()) {
      down = DatabaseOutage.awaitReadiness(503, Duration.ofSeconds(30));
      declare(title)
          .statusCode(503)
          .contentType("application/problem+json")
          .header("Retry-After", notNullValue())
          .body("status", equalTo(503));
    }
    Duration up = DatabaseOutage.awaitReadiness(200, Duration.ofSeconds(60));
    declare(title).statusCode(201);
    System.out.printf(
        "FIGURE database cut (incident): readiness DOWN after %d ms, UP %d ms after connections"
            + " were allowed again; declare answered 503 meanwhile%n",
        down.toMillis(), up.toMillis());
  }

  private static ValidatableResponse declare(String title) {
    return given()
        .header("Authorization", TestTokens.bearer("dana", "responder"))
        .contentType(ContentType.JSON)
        .body("{\"title\":\"" + title + "\",\"service\":\"order-api\"}")
        .post("/v1/incidents")
        .then();
  }
}
