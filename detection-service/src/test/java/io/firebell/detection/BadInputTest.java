package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.testing.BadInput;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Issue 19, item 12: bad input is a 4xx problem+json and stores nothing, also under races. */
@QuarkusTest
class BadInputTest {

  private static final String ADMIN = TestTokens.bearer("ada", "admin");

  @Inject AgroalDataSource db;

  @Test
  void textPostgresqlCannotStoreIsRefusedNamingTheField() throws Exception {
    Map<String, Long> before = BadInput.rowCounts(db, "domain", "alert", "outbox_message");
    BadInput.refusesUnstorableText(
        ADMIN, "PUT", "/v1/domains/unstorable", "{\"description\":\"%s\"}", "description");
    // A map's values and keys (Alertmanager labels), and a JSON tree (PagerDuty's /v2/enqueue).
    String alertmanager = "Bearer " + Fixtures.integration("alertmanager");
    BadInput.refusesUnstorableText(
        alertmanager,
        "POST",
        "/v1/ingest/alertmanager",
        Fixtures.amPayload("firing", 0, Fixtures.amAlert("firing", "Nul", "svc", "%s", "nul-1")),
        "alerts[0].labels.severity");
    given()
        .header("Authorization", alertmanager)
        .contentType(ContentType.JSON)
        .body(
            Fixtures.amPayload(
                "firing",
                0,
                Fixtures.amAlert("firing", "Nul", "svc", "info", "nul-2")
                    .replace("\"instance\"", "\"inst\\u0000ance\"")))
        .post("/v1/ingest/alertmanager")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    String pagerDuty = Fixtures.integration("pagerduty");
    BadInput.refusesUnstorableText(
        null,
        "POST",
        "/v2/enqueue",
        "{\"routing_key\":\""
            + pagerDuty
            + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"%s\",\"source\":\"s\","
            + "\"severity\":\"info\"}}",
        "payload.summary");
    assertThat(BadInput.rowCounts(db, "domain", "alert", "outbox_message")).isEqualTo(before);
  }

  @Test
  void brokenPathsQueriesAndLongSegmentsAreRefused() {
    BadInput.refusesBrokenPathsAndQueries(ADMIN, "GET", "/v1/domains");
    BadInput.refusesBrokenPathsAndQueries(ADMIN, "PUT", "/v1/domains");
    BadInput.refusesBrokenPathsAndQueries(null, "GET", "/v1/alert-groups");
  }

  @Test
  void concurrentCreatesOfOneDomainMakeOneAndRefuseTheRestWithConflict() throws Exception {
    for (int round = 0; round < 5; round++) {
      String name = "race-" + UUID.randomUUID().toString().substring(0, 8);
      List<Callable<Response>> calls =
          Collections.nCopies(
              8,
              () ->
                  given()
                      .header("Authorization", ADMIN)
                      .contentType(ContentType.JSON)
                      .body("{\"description\":\"raced\"}")
                      .put("/v1/domains/" + name));
      List<Integer> statuses = BadInput.race(calls);
      assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
      assertThat(statuses).allMatch(s -> s == 200 || s == 201 || s == 409);
      assertThat(BadInput.rowCounts(db, "domain where name = '" + name + "'")).containsValue(1L);
    }
  }
}
