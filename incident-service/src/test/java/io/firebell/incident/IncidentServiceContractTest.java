package io.firebell.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.platform.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IncidentServiceContractTest extends ServiceContractTest {

  @Test
  void everyOperationIsDocumented() {
    JsonPath doc =
        given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
    Map<String, Map<String, Object>> paths = doc.getMap("paths");
    assertThat(paths)
        .containsKeys(
            "/v1/incidents",
            "/v1/incidents/{id}",
            "/v1/incidents/{id}/transitions",
            "/v1/incidents/{id}/timeline",
            "/v1/incidents/{id}/roles/{role}",
            "/v1/incidents/{id}/participants",
            "/v1/incidents/{id}/actions",
            "/v1/incidents/{id}/actions/{actionId}/transitions",
            "/v1/incidents/{id}/actions/{actionId}/pair-review",
            "/v1/incidents/{id}/actions/{actionId}/beta-verification",
            "/v1/incidents/{id}/rollback-candidates",
            "/v1/changes",
            "/v2/change/enqueue",
            "/v1/services",
            "/v1/services/{name}");
    List<String> undocumented = new ArrayList<>();
    paths.forEach(
        (path, operations) ->
            operations.forEach(
                (method, operation) -> {
                  if (operation instanceof Map<?, ?> op
                      && (op.get("summary") == null || op.get("summary").toString().isBlank())) {
                    undocumented.add(method.toUpperCase() + " " + path);
                  }
                }));
    assertThat(undocumented).isEmpty();
  }
}
