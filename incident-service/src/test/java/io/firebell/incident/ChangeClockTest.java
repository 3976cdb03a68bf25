package io.firebell.incident;

import static io.firebell.incident.Api.RESPONDER;
import static io.firebell.incident.Api.VIEWER;
import static io.firebell.incident.Api.declare;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.firebell.platform.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Time rules of changes, with time set by the test's clock instead of written into the data. */
@QuarkusTest
class ChangeClockTest {

  @Inject MutableClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void aChangeWithoutATimeHappenedWhenReportedAndIsACandidateFor24Hours() {
    String service = "t" + System.nanoTime() + "-order-api";
    // the clock goes back, not forward, so that no row is dated in the future: other tests read
    // the newest incidents and changes
    clock.advance(Duration.ofHours(-25));
    String early = change(service, "order-api 2.40.0", null);
    clock.advance(Duration.ofHours(2));
    String later = change(service, "order-api 2.41.0", null);
    clock.reset();

    // declared now, without occurrence or detection times: the window ends at the declaration,
    // 23 hours after the later change and 25 hours after the early one
    String incident = declare("Orders fail", service);

    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/rollback-candidates", incident)
        .then()
        .statusCode(200)
        .body("anchorSource", equalTo("detected"))
        .body("window", equalTo("PT24H"))
        .body("candidates.change.id", hasItem(later))
        .body("candidates.find { it.change.id == '" + later + "' }.before", startsWith("PT23H"))
        .body("candidates.change.id", not(hasItem(early)));
  }

  @Test
  void aChangeInTheFutureIsRefusedUntilTheClockReachesIt() {
    String service = "t" + System.nanoTime() + "-order-api";
    Instant anHourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    clock.advance(Duration.ofHours(-2));
    report(service, "order-api 3.0.0", anHourAgo)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("occurredAt"));

    clock.reset();
    report(service, "order-api 3.0.0", anHourAgo)
        .statusCode(201)
        .body("occurredAt", equalTo(anHourAgo.toString()));
  }

  private static String change(String service, String summary, Instant at) {
    return report(service, summary, at).statusCode(201).extract().path("id");
  }

  private static ValidatableResponse report(String service, String summary, Instant at) {
    return given()
        .header("Authorization", RESPONDER)
        .contentType(ContentType.JSON)
        .body(
            "{\"kind\":\"deploy\",\"service\":\""
                + service
                + "\",\"summary\":\""
                + summary
                + "\""
                + (at == null ? "" : ",\"occurredAt\":\"" + at + "\"")
                + "}")
        .post("/v1/changes")
        .then();
  }
}
