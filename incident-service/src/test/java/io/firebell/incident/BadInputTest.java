package io.firebell.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.testing.BadInput;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, items 12 and 13: bad input is a 4xx problem+json and stores nothing, also under races;
 * PagerDuty's change events obey the limits of /v1/changes; roles are checked before the body.
 */
@QuarkusTest
class BadInputTest {

  // Incidents are not counted whole: the service also declares them from Kafka, where other test
  // classes' declaration requests may still arrive while this one runs. Only what these requests
  // could have written is counted.
  private static final String MARKER = "bad-input-test";
  private static final String[] TABLES = {
    "incident where title like '" + MARKER + "%'",
    "change_event",
    "catalog_service",
    "outbox_message where payload::text like '%" + MARKER + "%'"
  };

  @Inject AgroalDataSource db;

  @Test
  void textPostgresqlCannotStoreIsRefusedNamingTheField() throws Exception {
    Map<String, Long> before = BadInput.rowCounts(db, TABLES);
    BadInput.refusesUnstorableText(
        Api.RESPONDER,
        "POST",
        "/v1/incidents",
        "{\"title\":\"" + MARKER + " %s\",\"service\":\"s\"}",
        "title");
    BadInput.refusesUnstorableText(
        Api.RESPONDER,
        "POST",
        "/v1/changes",
        "{\"kind\":\"config\",\"summary\":\"ok\",\"links\":[\"https://x.example/%s\"]}",
        "links[0]");
    BadInput.refusesUnstorableText(
        Api.RESPONDER, "PUT", "/v1/services/unstorable", "{\"description\":\"%s\"}", "description");
    assertThat(BadInput.rowCounts(db, TABLES)).isEqualTo(before);
  }

  @Test
  void brokenPathsQueriesLongSegmentsAndBigBodiesAreRefused() {
    BadInput.refusesBrokenPathsAndQueries(Api.VIEWER, "GET", "/v1/services");
    BadInput.refusesBrokenPathsAndQueries(Api.VIEWER, "GET", "/v1/incidents");
    BadInput.refusesBrokenPathsAndQueries(null, "POST", "/v2/change/enqueue");
    BadInput.refusesOversizedBody(Api.RESPONDER, "POST", "/v1/changes", 1024 * 1024);
    // A note is JSON: text/plain is 415, not a String-constructor read of the request record.
    given()
        .header("Authorization", Api.RESPONDER)
        .contentType(ContentType.TEXT)
        .body("a note")
        .post("/v1/incidents/{id}/timeline", UUID.randomUUID())
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
  }

  @Test
  void pagerDutyChangeEventsHaveTheLimitsOfV1Changes() throws Exception {
    String token = integration("limits-" + System.nanoTime());
    Map<String, Long> before = BadInput.rowCounts(db, TABLES);
    String longText = "v".repeat(201);
    pd(token, "\"summary\":\"" + "s".repeat(1025) + "\",\"source\":\"a\"", "")
        .body("errors", hasItem(containsString("'payload.summary'")));
    pd(token, "\"summary\":\"ok\",\"source\":\"" + "a".repeat(101) + "\"", "")
        .body("errors[0]", containsString("payload.custom_details.service"));
    pd(
            token,
            "\"summary\":\"ok\",\"source\":\"a\",\"custom_details\":{\"version\":\""
                + longText
                + "\",\"author\":\""
                + longText
                + "\"}",
            "")
        .body("errors", hasItem(containsString("'payload.custom_details.version'")))
        .body("errors", hasItem(containsString("'payload.custom_details.author'")));
    String link = "{\"href\":\"https://ci.example/1\"}";
    pd(
            token,
            "\"summary\":\"ok\",\"source\":\"a\"",
            ",\"links\":[" + String.join(",", Collections.nCopies(21, link)) + "]")
        .body("errors[0]", containsString("'links[].href'"));
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"routing_key\":\""
                + token
                + "\",\"payload\":{\"summary\":\"bad\\u0000text\",\"source\":\"a\"}}")
        .post("/v2/change/enqueue")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("payload.summary"));
    assertThat(BadInput.rowCounts(db, TABLES)).isEqualTo(before);
  }

  @Test
  void concurrentDescriptionsOfANewServiceMakeOneEntryAndNoServerError() throws Exception {
    for (int round = 0; round < 5; round++) {
      String name = "race-" + UUID.randomUUID().toString().substring(0, 8);
      List<Callable<Response>> calls =
          Collections.nCopies(
              8,
              () ->
                  given()
                      .header("Authorization", Api.RESPONDER)
                      .contentType(ContentType.JSON)
                      .body("{\"owners\":[\"team-a\"]}")
                      .put("/v1/services/" + name));
      List<Integer> statuses = BadInput.race(calls);
      assertThat(statuses).contains(200).allMatch(s -> s == 200 || s == 409);
      assertThat(BadInput.rowCounts(db, "catalog_service where name = '" + name + "'"))
          .containsValue(1L);
    }
  }

  @Test
  void aCallerWithTooLowARoleIsRefusedWhateverTheBody() {
    for (String body : List.of("{", "{\"kind\":\"nonsense\"}", "[]")) {
      given()
          .header("Authorization", Api.VIEWER)
          .contentType(ContentType.JSON)
          .body(body)
          .post("/v1/changes")
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
    }
  }

  private static ValidatableResponse pd(String token, String payload, String rest) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"routing_key\":\"" + token + "\",\"payload\":{" + payload + "}" + rest + "}")
        .post("/v2/change/enqueue")
        .then()
        .statusCode(400)
        .body("status", equalTo("invalid event"));
  }

  private static String integration(String name) {
    return given()
        .header("Authorization", Api.ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"" + name + "\",\"kind\":\"change_source\"}")
        .post("/v1/integrations")
        .then()
        .statusCode(201)
        .extract()
        .path("token");
  }
}
