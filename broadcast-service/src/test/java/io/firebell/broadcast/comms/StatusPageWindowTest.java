package io.firebell.broadcast.comms;

import static io.firebell.broadcast.comms.Comms.COMMUNICATOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A resolved incident stays on the public page for the resolved window (14 days) and then leaves
 * it: the test moves the clock instead of waiting two weeks.
 */
@QuarkusTest
class StatusPageWindowTest {

  @Inject AgroalDataSource db;
  @Inject MutableClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void aResolvedIncidentLeavesThePageAfterTheResolvedWindow() throws Exception {
    String service = Comms.uniqueService();
    UUID id = UUID.randomUUID();
    Comms.send(Comms.declared(id, "checkout latency", service), id);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Comms.count(db, "select count(*) from incident where id = '" + id + "'") == 1);

    update(id, "identified", "Some customers cannot check out.");
    update(id, "resolved", "Checkout works normally again.");
    assertThat(page()).contains("incident-" + id);

    clock.advance(Duration.ofDays(13));
    assertThat(page()).contains("incident-" + id);

    clock.advance(Duration.ofDays(2));
    assertThat(page()).doesNotContain("incident-" + id);
    assertThat(given().get("/api/v2/incidents.json").asString()).doesNotContain(id.toString());
  }

  private void update(UUID id, String status, String impact) {
    given()
        .header("Authorization", COMMUNICATOR)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "status", status,
                "impact", impact,
                "expectedRecoveryAt", Instant.now(clock).plusSeconds(1800).toString(),
                "followUpActions", List.of("Orders that failed are not charged"),
                "audiences", List.of("customers")))
        .post("/v1/incidents/{id}/updates", id)
        .then()
        .statusCode(201);
  }

  private static String page() {
    return given().get("/status").then().statusCode(200).extract().asString();
  }
}
