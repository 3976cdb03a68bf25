package io.firebell.broadcast.comms;

import static io.firebell.broadcast.comms.Comms.ADMIN;
import static io.firebell.broadcast.comms.Comms.COMMUNICATOR;
import static io.firebell.broadcast.comms.Comms.VIEWER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.firebell.platform.testing.AuthorizationMatrix;
import io.firebell.platform.testing.AuthorizationMatrix.Call;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of audiences, subscriptions, glossary and updates refuses a request without a
 * token (401), an integration's token (403) and a person without the role (403); bad input is a
 * problem+json and leaves nothing behind. The status page is public.
 */
@QuarkusTest
class CommsAuthorizationMatrixTest {

  private static final String ID = UUID.randomUUID().toString();

  private static final String READ = null;

  private static final List<Call> CALLS =
      List.of(
          new Call("GET", "/v1/audiences", null, READ),
          new Call("GET", "/v1/audiences/customers", null, READ),
          new Call("POST", "/v1/audiences", "{}", VIEWER),
          new Call("PUT", "/v1/audiences/customers", "{}", COMMUNICATOR),
          new Call("DELETE", "/v1/audiences/customers", null, COMMUNICATOR),
          new Call("GET", "/v1/subscriptions", null, READ),
          new Call("GET", "/v1/subscriptions/" + ID, null, READ),
          new Call("POST", "/v1/subscriptions", "{}", COMMUNICATOR),
          new Call("DELETE", "/v1/subscriptions/" + ID, null, COMMUNICATOR),
          new Call("GET", "/v1/glossary", null, READ),
          new Call("POST", "/v1/glossary", "{}", COMMUNICATOR),
          new Call("PUT", "/v1/glossary/latency", "{}", COMMUNICATOR),
          new Call("DELETE", "/v1/glossary/latency", null, COMMUNICATOR),
          new Call("GET", "/v1/incidents/" + ID + "/updates", null, READ),
          new Call("POST", "/v1/incidents/" + ID + "/updates", "{}", VIEWER),
          new Call("POST", "/v1/incidents/" + ID + "/updates/preview", "{}", VIEWER));

  @Test
  void everyEndpointAnswers401WithoutAToken403ToAnIntegrationAndToTooLowARole() {
    String integration = AuthorizationMatrix.integrationToken("comms-matrix-" + ID.substring(0, 8));
    AuthorizationMatrix.expectUnauthenticated(CALLS);
    AuthorizationMatrix.expect(CALLS, TestTokens.forged("mallory", "admin"), 401);
    AuthorizationMatrix.expectForbidden(CALLS, "Bearer " + integration);
    AuthorizationMatrix.expectTooLowForbidden(CALLS);
    for (Call call : CALLS) {
      if (call.tooLow() == null) {
        AuthorizationMatrix.request(VIEWER, call)
            .then()
            .statusCode(org.hamcrest.Matchers.oneOf(200, 404));
      }
    }
  }

  @Test
  void badAudiencesAreProblemsAndNothingIsKept() {
    String key = "bad_" + ID.substring(0, 8);
    for (String body :
        List.of(
            "{\"key\":\""
                + key
                + "\",\"name\":\"X\",\"scope\":\"galactic\",\"register\":\"service\"}",
            "{\"key\":\""
                + key
                + "\",\"name\":\"X\",\"scope\":\"external\",\"register\":\"poetry\"}",
            "{\"key\":\""
                + key
                + "\",\"name\":\"\",\"scope\":\"external\",\"register\":\"service\"}",
            "{\"key\":\"Bad Key\",\"name\":\"X\",\"scope\":\"external\",\"register\":\"service\"}",
            "{\"key\":\"" + key + "\",\"name\":\"X\",\"scope\":",
            "[]")) {
      given()
          .header("Authorization", ADMIN)
          .contentType(ContentType.JSON)
          .body(body)
          .post("/v1/audiences")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    given()
        .header("Authorization", VIEWER)
        .get("/v1/audiences")
        .then()
        .statusCode(200)
        .body("key", not(hasItem(key)));
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(
            "{\"key\":\"customers\",\"name\":\"X\",\"scope\":\"external\",\"register\":\"service\"}")
        .post("/v1/audiences")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"X\",\"scope\":\"external\",\"register\":\"service\"}")
        .put("/v1/audiences/no_such_audience")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void badSubscriptionsAreProblemsAndNothingIsKept() {
    UUID endpoint = UUID.randomUUID();
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"audience\":\"customers\",\"endpointId\":\"" + endpoint + "\"}")
        .post("/v1/subscriptions")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", containsString("endpoint"));
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"audience\":\"martians\",\"endpointId\":\"" + endpoint + "\"}")
        .post("/v1/subscriptions")
        .then()
        .statusCode(422)
        .body("detail", containsString("martians"));
    for (String body :
        List.of(
            "{\"audience\":\"customers\",\"endpointId\":\"not-a-uuid\"}",
            "{\"audience\":\"customers\"}",
            "{\"audience\":\"customers\",\"endpointId\":\""
                + endpoint
                + "\",\"minSeverity\":\"P1\"}",
            "{\"audience\":\"customers\",\"endpointId\":\""
                + endpoint
                + "\",\"services\":[\"\"]}")) {
      given()
          .header("Authorization", ADMIN)
          .contentType(ContentType.JSON)
          .body(body)
          .post("/v1/subscriptions")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    given()
        .header("Authorization", VIEWER)
        .queryParam("endpointId", endpoint.toString())
        .get("/v1/subscriptions")
        .then()
        .statusCode(200)
        .body("$", org.hamcrest.Matchers.empty());
    given()
        .header("Authorization", VIEWER)
        .get("/v1/subscriptions/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void badGlossaryTermsAndUpdatesAreProblems() {
    for (String body :
        List.of("{\"term\":\"\",\"suggestion\":\"x\"}", "{\"term\":\"x\"}", "nope")) {
      given()
          .header("Authorization", ADMIN)
          .contentType(ContentType.JSON)
          .body(body)
          .post("/v1/glossary")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"term\":\"LATENCY\",\"suggestion\":\"x\"}")
        .post("/v1/glossary")
        .then()
        .statusCode(409);
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"suggestion\":\"x\"}")
        .put("/v1/glossary/no-such-term")
        .then()
        .statusCode(404);

    String incident = UUID.randomUUID().toString();
    for (String body :
        List.of(
            "{\"status\":\"fixed\",\"impact\":\"x\",\"audiences\":[\"dev_org\"]}",
            "{\"status\":\"identified\",\"impact\":\"\",\"audiences\":[\"dev_org\"]}",
            "{\"status\":\"identified\",\"impact\":\"x\",\"audiences\":[]}",
            "{\"status\":\"identified\",\"impact\":\"x\",\"audiences\":[\"dev_org\",\"dev_org\"]}",
            "{\"status\":\"identified\",\"impact\":\"x\",\"audiences\":[\"customers\"],"
                + "\"expectedRecoveryAt\":\"2030-01-01T00:00:00Z\",\"recoveryUnknown\":true}",
            "{\"status\":\"identified\",\"impact\":\"x\",\"audiences\":[\"customers\"],"
                + "\"expectedRecoveryAt\":\"tomorrow\"}",
            "{\"status\":\"identified\",")) {
      for (String path : List.of("", "/preview")) {
        given()
            .header("Authorization", COMMUNICATOR)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/v1/incidents/" + incident + "/updates" + path)
            .then()
            .statusCode(400)
            .contentType("application/problem+json");
      }
    }
    given()
        .header("Authorization", COMMUNICATOR)
        .contentType(ContentType.JSON)
        .body("{\"status\":\"identified\",\"impact\":\"x\",\"audiences\":[\"dev_org\"]}")
        .post("/v1/incidents/not-a-uuid/updates")
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(400, 404))
        .contentType("application/problem+json");
  }
}
