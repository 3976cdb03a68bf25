package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 8: a revoked integration's token, whether it comes as a bearer token or as a
 * PagerDuty routing_key, is refused at once on the instance that revoked it, and on the others as
 * soon as the database's notification of the deletion reaches them: well before the token cache's
 * TTL (30 s), which is only the bound for a lost notification.
 */
@QuarkusTest
class RevocationTest {

  private static final String ADMIN = TestTokens.bearer("ada", "admin");

  @Inject AgroalDataSource db;

  private static JsonPath create(String kind) {
    return given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"rev-" + UUID.randomUUID() + "\",\"kind\":\"" + kind + "\"}")
        .post("/v1/integrations")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static int enqueue(String routingKey) {
    return given()
        .contentType(ContentType.JSON)
        .body(
            "{\"routing_key\":\""
                + routingKey
                + "\",\"event_action\":\"trigger\",\"dedup_key\":\"rev-"
                + UUID.randomUUID()
                + "\",\"payload\":{\"summary\":\"Revocation check\",\"source\":\"db-1\","
                + "\"severity\":\"info\"}}")
        .post("/v2/enqueue")
        .statusCode();
  }

  private static int ingest(String token) {
    return given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body("{\"id\":\"rev-check\",\"title\":\"Revocation check\",\"severity\":\"info\"}")
        .post("/v1/ingest/events")
        .statusCode();
  }

  @Test
  void aRevokedRoutingKeyIsRefusedAtOnce() {
    JsonPath created = create("pagerduty");
    String key = created.getString("token");
    // The second event is authenticated from the cache.
    Awaitility.await().until(() -> enqueue(key) == 202 && enqueue(key) == 202);
    given()
        .header("Authorization", ADMIN)
        .delete("/v1/integrations/" + created.getString("id"))
        .then()
        .statusCode(204);
    assertThat(enqueue(key)).isEqualTo(401);
  }

  @Test
  void aRevocationByAnotherInstanceReachesThisOneWellWithinTheCacheTtl() throws Exception {
    JsonPath created = create("native");
    String token = created.getString("token");
    Awaitility.await().until(() -> ingest(token) == 202 && ingest(token) == 202);
    // Another instance revokes: it deletes the row in the shared database, and nothing evicts this
    // instance's cached entry but the notification the deletion sends when it commits.
    try (Connection c = db.getConnection();
        PreparedStatement delete =
            c.prepareStatement("delete from integration where id = cast(? as uuid)")) {
      delete.setString(1, created.getString("id"));
      delete.executeUpdate();
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ingest(token) == 401);
  }
}
