package io.firebell.review;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every review-service endpoint refuses a request without a token (401 with a Bearer challenge) and
 * a token without the role (403): a monitoring integration's token is not a person's.
 */
@QuarkusTest
class AuthorizationMatrixTest {

  private static final String ID = UUID.randomUUID().toString();

  private record Call(String method, String path, String body) {}

  private static final List<Call> CALLS =
      List.of(
          new Call("GET", "/v1/incident-facts", null),
          new Call("GET", "/v1/incident-facts/" + ID, null),
          new Call("GET", "/v1/reports/" + ID, null),
          new Call("PATCH", "/v1/reports/" + ID, "{}"),
          new Call("PUT", "/v1/reports/" + ID + "/whys", "{\"whys\":[]}"),
          new Call("POST", "/v1/reports/" + ID + "/publish", null),
          new Call("POST", "/v1/reports/" + ID + "/action-items", "{}"),
          new Call("GET", "/reports/" + ID, null),
          new Call("GET", "/v1/action-items", null),
          new Call("GET", "/v1/action-items/" + ID, null),
          new Call("PATCH", "/v1/action-items/" + ID, "{}"),
          new Call("GET", "/v1/incidents/" + ID + "/similar", null),
          new Call("GET", "/v1/metrics/summary", null),
          new Call("GET", "/dashboard", null),
          new Call("POST", "/v1/reviews", "{}"),
          new Call("GET", "/v1/reviews", null),
          new Call("GET", "/v1/reviews/calendar.ics", null),
          new Call("GET", "/v1/reviews/" + ID, null),
          new Call("PATCH", "/v1/reviews/" + ID, "{}"),
          new Call("DELETE", "/v1/reviews/" + ID, null),
          new Call("POST", "/v1/reviews/" + ID + "/held", "{}"));

  @Test
  void everyEndpointAnswers401WithoutATokenAnd403ToAnIntegrationToken() {
    String integration =
        given()
            .header("Authorization", TestTokens.bearer("ada", "admin"))
            .contentType(ContentType.JSON)
            .body("{\"name\":\"matrix-" + ID.substring(0, 8) + "\",\"kind\":\"native\"}")
            .post("/v1/integrations")
            .then()
            .statusCode(201)
            .extract()
            .path("token");
    for (Call call : CALLS) {
      request(null, call)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", startsWith("Bearer"))
          .contentType("application/problem+json");
      request("Bearer " + integration, call)
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
    }
  }

  private static io.restassured.response.Response request(String authorization, Call call) {
    var spec = given();
    if (authorization != null) {
      spec = spec.header("Authorization", authorization);
    }
    if (call.body() != null) {
      spec = spec.contentType(ContentType.JSON).body(call.body());
    }
    return spec.request(call.method(), call.path());
  }
}
