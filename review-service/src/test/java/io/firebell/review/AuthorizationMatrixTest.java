package io.firebell.review;

import static io.restassured.RestAssured.given;

import io.firebell.platform.testing.AuthorizationMatrix;
import io.firebell.platform.testing.AuthorizationMatrix.Call;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every review-service endpoint refuses a request without a token (401 with a Bearer challenge) and
 * a token without the role (403): a monitoring integration's token is not a person's. A token comes
 * in the Authorization header only: one in a cookie would let another site's form act as the person
 * (issue 19, item 9), so it counts as no token.
 */
@QuarkusTest
class AuthorizationMatrixTest {

  private static final String ID = UUID.randomUUID().toString();

  private static final List<Call> CALLS =
      List.of(
          new Call("GET", "/v1/incident-facts", null),
          new Call("GET", "/v1/incident-facts/" + ID, null),
          new Call("GET", "/v1/reports", null),
          new Call("GET", "/v1/reports/" + ID, null),
          new Call("PATCH", "/v1/reports/" + ID, "{}"),
          new Call("PUT", "/v1/reports/" + ID + "/whys", "{\"whys\":[]}"),
          new Call("POST", "/v1/reports/" + ID + "/publish", null),
          new Call("POST", "/v1/reports/" + ID + "/action-items", "{}"),
          new Call("GET", "/reports/" + ID, null),
          new Call("GET", "/v1/action-items", null),
          new Call("GET", "/v1/action-items/stop-gaps", null),
          new Call("GET", "/v1/action-items/" + ID, null),
          new Call("PATCH", "/v1/action-items/" + ID, "{}"),
          new Call("GET", "/v1/incidents/" + ID + "/similar", null),
          new Call("GET", "/v1/metrics/summary", null),
          new Call("GET", "/v1/metrics/services", null),
          new Call("GET", "/v1/metrics/detection-gaps", null),
          new Call("GET", "/v1/metrics/weak-spots", null),
          new Call("GET", "/dashboard", null),
          new Call("POST", "/v1/reviews", "{}"),
          new Call("GET", "/v1/reviews", null),
          new Call("GET", "/v1/reviews/calendar.ics", null),
          new Call("GET", "/v1/reviews/required", null),
          new Call("POST", "/v1/reviews/" + ID + "/escalate", "{}"),
          new Call("GET", "/v1/reviews/" + ID, null),
          new Call("PATCH", "/v1/reviews/" + ID, "{}"),
          new Call("DELETE", "/v1/reviews/" + ID, null),
          new Call("POST", "/v1/reviews/" + ID + "/held", "{}"));

  @Test
  void everyEndpointAnswers401WithoutATokenAnd403ToAnIntegrationToken() {
    String integration = AuthorizationMatrix.integrationToken("matrix-" + ID.substring(0, 8));
    AuthorizationMatrix.expectUnauthenticated(CALLS);
    AuthorizationMatrix.expectForbidden(CALLS, "Bearer " + integration);
  }

  @Test
  void aTokenInACookieIsNoTokenOnAnyEndpoint() {
    String reviewer = TestTokens.of("rita", "reviewer");
    // A cross-site form post brings cookies but no header: refused before anything is looked up.
    given()
        .cookie("firebell_token", reviewer)
        .post("/v1/reports/{id}/publish", ID)
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    // The same token in the header is accepted (the report does not exist, so 404).
    given()
        .header("Authorization", "Bearer " + reviewer)
        .post("/v1/reports/{id}/publish", ID)
        .then()
        .statusCode(404);
    for (Call call : CALLS) {
      RequestSpecification spec = given().cookie("firebell_token", reviewer);
      if (call.body() != null) {
        spec = spec.contentType(ContentType.JSON).body(call.body());
      }
      spec.request(call.method(), call.path()).then().statusCode(401);
    }
  }
}
