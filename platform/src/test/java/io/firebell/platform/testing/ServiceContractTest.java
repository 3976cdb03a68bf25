package io.firebell.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firebell.platform.security.Roles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every Firebell service promises operators, checked against the running service: readiness
 * that covers the database and Kafka, liveness, Prometheus metrics, OpenAPI and Swagger UI,
 * problem+json for unknown paths, an API document that says who may call each operation, and the
 * JWT checks every service shares (issue 19 items 9 and 11). Each service's test extends it with
 * {@code @QuarkusTest}.
 */
public abstract class ServiceContractTest {

  /** Admin-only in every service (the platform's integrations), so a token is always needed. */
  private static final String ADMIN_ONLY = "/v1/integrations";

  @Test
  void onlyAValidTokenInTheAuthorizationHeaderIsAccepted() {
    given()
        .header("Authorization", TestTokens.bearer("ada", Roles.ADMIN))
        .get(ADMIN_ONLY)
        .then()
        .statusCode(200);
    for (TestTokens.Flawed flawed : TestTokens.flawed("ada", Roles.ADMIN)) {
      int status =
          given().header("Authorization", "Bearer " + flawed.token()).get(ADMIN_ONLY).statusCode();
      assertEquals(401, status, flawed.flaw());
    }
    // A cross-site form brings cookies but cannot set a header: a token in a cookie is no token.
    String token = TestTokens.of("ada", Roles.ADMIN);
    given()
        .cookie("Bearer", token)
        .cookie("firebell_token", token)
        .get(ADMIN_ONLY)
        .then()
        .statusCode(401);
  }

  @Test
  void aPersonsTokenNeverHoldsTheIntegrationRole() {
    given()
        .header("Authorization", TestTokens.bearer("mallory", Roles.INTEGRATION, Roles.VIEWER))
        .get(ADMIN_ONLY + "/me")
        .then()
        .statusCode(403);
  }

  @Test
  void readinessCoversTheDatabaseAndKafka() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body(
            "checks.name",
            hasItems(
                "Database connections health check",
                "Kafka connection health check",
                "outbox relay woken by NOTIFY"));
  }

  @Test
  void livenessMetricsAndApiDocsAreServed() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"));
    given()
        .when()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("openapi", containsString("3."));
    given().when().get("/q/swagger-ui/").then().statusCode(200);
  }

  @Test
  void unknownPathsAreProblems() {
    given()
        .when()
        .get("/v1/no-such-thing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  /** Every secured operation lists its callers (x-firebell-roles, ADR 0910): none is unsaid. */
  @Test
  @SuppressWarnings("unchecked")
  void everySecuredOperationSaysWhoMayCallIt() {
    Map<String, Map<String, Object>> paths =
        given().when().get("/q/openapi?format=json").then().statusCode(200).extract().path("paths");
    List<String> unsaid = new ArrayList<>();
    paths.forEach(
        (path, item) ->
            item.forEach(
                (method, value) -> {
                  if (!(value instanceof Map<?, ?> op) || !op.containsKey("responses")) {
                    return;
                  }
                  List<?> security = (List<?>) op.get("security");
                  List<?> roles = (List<?>) op.get("x-firebell-roles");
                  if (security != null
                      && !security.isEmpty()
                      && (roles == null || roles.isEmpty())) {
                    unsaid.add(method + " " + path);
                  }
                }));
    assertEquals(List.of(), unsaid, "secured operations without x-firebell-roles");
  }
}
