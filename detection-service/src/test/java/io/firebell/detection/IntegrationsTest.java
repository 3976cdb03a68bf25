package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.integration.IntegrationKind;
import io.firebell.platform.integration.IntegrationService;
import io.firebell.platform.security.IntegrationTokens;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IntegrationsTest {

  @Inject AgroalDataSource db;
  @Inject IntegrationService integrations;

  @Test
  void anAdminCreatesAnIntegrationAndSeesItsTokenOnceStoredOnlyAsAHash() throws SQLException {
    String name = "prometheus-" + UUID.randomUUID().toString().substring(0, 8);
    String token =
        given()
            .header("Authorization", TestTokens.bearer("ada", "admin"))
            .contentType(ContentType.JSON)
            .body("{\"name\":\"" + name + "\",\"kind\":\"alertmanager\"}")
            .when()
            .post("/v1/integrations")
            .then()
            .statusCode(201)
            .body("name", equalTo(name))
            .body("kind", equalTo("alertmanager"))
            .body("createdBy", equalTo("ada@firebell.test"))
            .body("token", startsWith(IntegrationTokens.PREFIX))
            .extract()
            .path("token");

    given()
        .header("Authorization", TestTokens.bearer("ada", "admin"))
        .when()
        .get("/v1/integrations")
        .then()
        .statusCode(200)
        .body("name", hasItem(name))
        .body("token", not(hasItem(token)));
    try (Connection c = db.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery("select token_hash from integration where name = '" + name + "'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(IntegrationTokens.hash(token)).doesNotContain(token);
    }
  }

  /** Tokens are cached briefly on the ingest path; revoking one refuses it at once (401). */
  @Test
  void aRevokedTokenIsRefusedAtOnceDespiteTheTokenCache() {
    String admin = TestTokens.bearer("ada", "admin");
    var created =
        given()
            .header("Authorization", admin)
            .contentType(ContentType.JSON)
            .body(
                "{\"name\":\"revoked-"
                    + UUID.randomUUID().toString().substring(0, 8)
                    + "\",\"kind\":\"native\"}")
            .post("/v1/integrations")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String token = created.getString("token");
    String id = created.getString("id");
    String event = "{\"id\":\"revoke-check\",\"title\":\"Revoke check\",\"severity\":\"info\"}";
    for (int i = 0; i < 2; i++) { // the second request is served from the token cache
      given()
          .header("Authorization", "Bearer " + token)
          .contentType(ContentType.JSON)
          .body(event)
          .post("/v1/ingest/events")
          .then()
          .statusCode(202);
    }
    given()
        .header("Authorization", TestTokens.bearer("rey", "responder"))
        .delete("/v1/integrations/" + id)
        .then()
        .statusCode(403);
    given().header("Authorization", admin).delete("/v1/integrations/" + id).then().statusCode(204);
    given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(event)
        .post("/v1/ingest/events")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", admin)
        .delete("/v1/integrations/" + id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  @RunOnVertxContext
  void aTokenAuthenticatesItsIntegrationAndNothingElseDoes(UniAsserter asserter) {
    String name = "grafana-" + UUID.randomUUID().toString().substring(0, 8);
    String[] token = new String[1];
    asserter.execute(
        () ->
            integrations
                .create(name, IntegrationKind.GRAFANA, "ada")
                .invoke(created -> token[0] = created.token()));
    asserter.assertThat(
        () -> integrations.authenticate(token[0]),
        found -> assertThat(found.getName()).isEqualTo(name));
    asserter.assertThat(
        () -> integrations.authenticate(IntegrationTokens.generate()),
        found -> assertThat(found).isNull());
    asserter.assertThat(
        () -> integrations.authenticate("Bearer nonsense"), found -> assertThat(found).isNull());
  }

  @Test
  void anIntegrationTokenAuthenticatesAsItsIntegrationOnly() {
    String name = "am-" + UUID.randomUUID().toString().substring(0, 8);
    String token =
        given()
            .header("Authorization", TestTokens.bearer("ada", "admin"))
            .contentType(ContentType.JSON)
            .body("{\"name\":\"" + name + "\",\"kind\":\"alertmanager\"}")
            .post("/v1/integrations")
            .then()
            .statusCode(201)
            .extract()
            .path("token");
    given()
        .header("Authorization", "Bearer " + token)
        .get("/v1/integrations/me")
        .then()
        .statusCode(200)
        .body("name", equalTo(name))
        .body("kind", equalTo("alertmanager"));
    // An integration is not a person: it cannot administer integrations.
    given()
        .header("Authorization", "Bearer " + token)
        .get("/v1/integrations")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .header("Authorization", "Bearer " + IntegrationTokens.generate())
        .get("/v1/integrations/me")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    // A person's JWT is not an integration.
    given()
        .header("Authorization", TestTokens.bearer("ada", "admin"))
        .get("/v1/integrations/me")
        .then()
        .statusCode(403);
  }

  @Test
  void duplicateNamesConflictAndBadInputIsAProblem() throws SQLException {
    String name = "dup-" + UUID.randomUUID().toString().substring(0, 8);
    String admin = TestTokens.bearer("ada", "admin");
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"" + name + "\",\"kind\":\"native\"}")
        .post("/v1/integrations")
        .then()
        .statusCode(201);
    long before = count();
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"" + name + "\",\"kind\":\"native\"}")
        .post("/v1/integrations")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"x\",\"kind\":\"nagios\"}")
        .post("/v1/integrations")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("kind"));
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"has spaces\",\"kind\":\"native\"}")
        .post("/v1/integrations")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("name"));
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body("[1,2]")
        .post("/v1/integrations")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void onlyAdminsManageIntegrations() {
    String body = "{\"name\":\"nope\",\"kind\":\"native\"}";
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/integrations")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"));
    given()
        .header("Authorization", TestTokens.bearer("dana", "responder"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/integrations")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .get("/v1/integrations")
        .then()
        .statusCode(403);
  }

  private long count() throws SQLException {
    try (Connection c = db.getConnection();
        ResultSet rs = c.createStatement().executeQuery("select count(*) from integration")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
