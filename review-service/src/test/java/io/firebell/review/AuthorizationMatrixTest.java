package io.firebell.review;

import io.firebell.platform.testing.AuthorizationMatrix;
import io.firebell.platform.testing.AuthorizationMatrix.Call;
import io.quarkus.test.junit.QuarkusTest;
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
    String integration = AuthorizationMatrix.integrationToken("matrix-" + ID.substring(0, 8));
    AuthorizationMatrix.expectUnauthenticated(CALLS);
    AuthorizationMatrix.expectForbidden(CALLS, "Bearer " + integration);
  }
}
