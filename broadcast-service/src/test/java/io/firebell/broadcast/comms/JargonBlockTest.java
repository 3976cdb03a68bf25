package io.firebell.broadcast.comms;

import static io.firebell.broadcast.comms.Comms.COMMUNICATOR;
import static io.firebell.broadcast.comms.Comms.VIEWER;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With {@code firebell.broadcast.jargon-policy=block}, system terms in service text are a 422. */
@QuarkusTest
@TestProfile(JargonBlockTest.Block.class)
class JargonBlockTest {

  public static class Block implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("firebell.broadcast.jargon-policy", "block");
    }
  }

  @Test
  void findingsBlockTheUpdateUnderTheBlockPolicy() throws Exception {
    UUID id = UUID.randomUUID();
    Comms.send(Comms.declared(id, "Block policy", Comms.uniqueService()), id);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                given()
                        .header("Authorization", VIEWER)
                        .get("/v1/incidents/{id}/updates", id)
                        .statusCode()
                    == 200);
    Map<String, Object> jargon =
        draft(
            "We roll back the deploy; 5xx errors from the API stop",
            List.of("customers", "dev_org"));
    given()
        .header("Authorization", COMMUNICATOR)
        .contentType(ContentType.JSON)
        .body(jargon)
        .post("/v1/incidents/{id}/updates", id)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", containsString("deploy"))
        .body("errors.field", hasItems("texts.customers"))
        .body("errors.message", hasItems(containsString("\"5xx\"")));
    // The preview shows the findings without refusing.
    given()
        .header("Authorization", COMMUNICATOR)
        .contentType(ContentType.JSON)
        .body(jargon)
        .post("/v1/incidents/{id}/updates/preview", id)
        .then()
        .statusCode(200)
        .body("findings.term", hasItems("deploy", "5xx", "API"));
    // Engineering text may use system terms.
    given()
        .header("Authorization", COMMUNICATOR)
        .contentType(ContentType.JSON)
        .body(draft("We roll back the deploy", List.of("dev_org")))
        .post("/v1/incidents/{id}/updates", id)
        .then()
        .statusCode(201);
    given()
        .header("Authorization", COMMUNICATOR)
        .contentType(ContentType.JSON)
        .body(draft("Some orders fail; we are undoing a recent change", List.of("customers")))
        .post("/v1/incidents/{id}/updates", id)
        .then()
        .statusCode(201);
    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/updates", id)
        .then()
        .body("kind", contains("announcement", "update", "update"));
  }

  private static Map<String, Object> draft(String impact, List<String> audiences) {
    return Map.of(
        "status",
        "identified",
        "impact",
        impact,
        "expectedRecoveryAt",
        Instant.now().plusSeconds(1200).toString(),
        "followUpActions",
        List.of("Failed orders are refunded"),
        "audiences",
        audiences);
  }
}
