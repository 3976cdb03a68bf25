package io.firebell.broadcast;

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
  // Not outbox_message: the service also writes it for incident events from Kafka, which other
  // test classes' events may still bring while this one runs.
  private static final String[] TABLES = {"audience", "endpoint", "glossary_term"};

  @Inject AgroalDataSource db;

  @Test
  void textPostgresqlCannotStoreIsRefusedNamingTheField() throws Exception {
    Map<String, Long> before = BadInput.rowCounts(db, TABLES);
    BadInput.refusesUnstorableText(
        ADMIN,
        "POST",
        "/v1/audiences",
        "{\"key\":\"unstorable\",\"name\":\"%s\",\"scope\":\"internal\",\"register\":\"service\"}",
        "name");
    BadInput.refusesUnstorableText(
        ADMIN,
        "POST",
        "/v1/endpoints",
        "{\"name\":\"%s\",\"kind\":\"webhook\",\"url\":\"https://hooks.example.com/x\"}",
        "name");
    assertThat(BadInput.rowCounts(db, TABLES)).isEqualTo(before);
  }

  @Test
  void brokenPathsQueriesLongSegmentsAndBigBodiesAreRefused() {
    BadInput.refusesBrokenPathsAndQueries(ADMIN, "GET", "/v1/endpoints");
    BadInput.refusesBrokenPathsAndQueries(ADMIN, "DELETE", "/v1/audiences");
    BadInput.refusesBrokenPathsAndQueries(null, "GET", "/api/v2/incidents.json");
    BadInput.refusesOversizedBody(ADMIN, "POST", "/v1/audiences", 1024 * 1024);
  }

  @Test
  void concurrentCreatesOfOneAudienceMakeOneAndRefuseTheRestWithConflict() throws Exception {
    for (int round = 0; round < 5; round++) {
      String key = "race_" + UUID.randomUUID().toString().substring(0, 8);
      List<Callable<Response>> calls =
          Collections.nCopies(
              8,
              () ->
                  given()
                      .header("Authorization", ADMIN)
                      .contentType(ContentType.JSON)
                      .body(
                          "{\"key\":\""
                              + key
                              + "\",\"name\":\"Raced\",\"scope\":\"internal\",\"register\":\"service\"}")
                      .post("/v1/audiences"));
      List<Integer> statuses = BadInput.race(calls);
      assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
      assertThat(statuses).allMatch(s -> s == 201 || s == 409);
      assertThat(BadInput.rowCounts(db, "audience where key = '" + key + "'")).containsValue(1L);
    }
  }
}
