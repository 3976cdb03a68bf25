package io.firebell.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every Firebell service promises operators, checked against the running service: readiness
 * that covers the database and Kafka, liveness, Prometheus metrics, OpenAPI and Swagger UI, and
 * problem+json for unknown paths, and an API document that says who may call each operation. Each
 * service's test extends it with {@code @QuarkusTest}.
 */
public abstract class ServiceContractTest {

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
            hasItems("Database connections health check", "Kafka connection health check"));
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
