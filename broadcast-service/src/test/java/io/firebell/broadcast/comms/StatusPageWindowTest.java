package io.firebell.broadcast.comms;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A resolved incident stays on the public page for the resolved window (14 days) and then leaves
 * it: the test moves the clock instead of waiting two weeks.
 */
@QuarkusTest
class StatusPageWindowTest {

  private static final List<String> CUSTOMERS = List.of("customers");

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

    StatusPageTest.update(id, "identified", "Some customers cannot check out.", CUSTOMERS)
        .then()
        .statusCode(201);
    StatusPageTest.update(id, "resolved", "Checkout works normally again.", CUSTOMERS)
        .then()
        .statusCode(201);
    assertThat(page()).contains("incident-" + id);

    clock.advance(Duration.ofDays(13));
    assertThat(page()).contains("incident-" + id);

    clock.advance(Duration.ofDays(2));
    assertThat(page()).doesNotContain("incident-" + id);
    assertThat(given().get("/api/v2/incidents.json").asString()).doesNotContain(id.toString());
  }

  private static String page() {
    return given().get("/status").then().statusCode(200).extract().asString();
  }
}
