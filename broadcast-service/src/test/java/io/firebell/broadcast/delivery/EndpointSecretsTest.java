package io.firebell.broadcast.delivery;

import static io.firebell.broadcast.delivery.DeliveryTestSupport.ADMIN;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.COMMUNICATOR;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.VIEWER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.secrets.SecretBox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 10: incoming-webhook URLs are credentials only admins read whole, and signing
 * secrets are encrypted at rest, with a rotation that can revoke a leaked one at once.
 */
@QuarkusTest
class EndpointSecretsTest {

  @Inject AgroalDataSource db;
  @Inject SecretBox secretBox;

  private static JsonPath register(String kind, String url) {
    return given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\"secrets "
                + UUID.randomUUID()
                + "\",\"kind\":\""
                + kind
                + "\",\"url\":\""
                + url
                + "\"}")
        .post("/v1/endpoints")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  @Test
  void incomingWebhookUrlsAreWholeForAdminsAndRedactedForEveryoneElse() {
    for (String kind : List.of("slack", "teams")) {
      String url = "http://127.0.0.1:9/services/T0AB/B0CD/" + kind + "Sekr3tTokenXyz9";
      String id = register(kind, url).getString("id");
      given()
          .header("Authorization", ADMIN)
          .get("/v1/endpoints/{id}", id)
          .then()
          .statusCode(200)
          .body("url", equalTo(url));
      for (String reader : List.of(VIEWER, COMMUNICATOR)) {
        given()
            .header("Authorization", reader)
            .get("/v1/endpoints/{id}", id)
            .then()
            .statusCode(200)
            .body("url", equalTo("http://127.0.0.1/…Xyz9"));
        String list =
            given()
                .header("Authorization", reader)
                .queryParam("limit", 200)
                .get("/v1/endpoints")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(list).doesNotContain("Sekr3tToken").contains("http://127.0.0.1/…Xyz9");
      }
    }
  }

  @Test
  void signingSecretsAreEncryptedAtRestAndPlaintextIsRefused() throws SQLException {
    JsonPath created = register("webhook", "http://127.0.0.1:9/at-rest");
    String id = created.getString("id");
    String first = created.getString("secret");
    String second =
        given()
            .header("Authorization", ADMIN)
            .post("/v1/endpoints/{id}/secret/rotate", id)
            .then()
            .statusCode(200)
            .extract()
            .path("secret");
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select secret, previous_secret from endpoint where id = cast(? as uuid)")) {
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        assertThat(rs.next()).isTrue();
        String secret = rs.getString("secret");
        String previous = rs.getString("previous_secret");
        String sealedPrefix = SecretBox.PREFIX + secretBox.currentKeyId() + ":";
        assertThat(secret).startsWith(sealedPrefix).doesNotContain(second);
        assertThat(previous).startsWith(sealedPrefix).doesNotContain(first);
        // What is stored is the secret, sealed: it opens to what the admin was shown.
        assertThat(secretBox.open(secret)).isEqualTo(second);
        assertThat(secretBox.open(previous)).isEqualTo(first);
      }
      // No path can store plaintext any more (check constraint of V40).
      try (PreparedStatement plain =
          c.prepareStatement("update endpoint set secret = ? where id = cast(? as uuid)")) {
        plain.setString(1, first);
        plain.setString(2, id);
        assertThatThrownBy(plain::executeUpdate)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("endpoint_secret_sealed");
      }
    }
  }

  @Test
  void aLeakedSecretCanBeRevokedAtOnceInsteadOfAfterTheGracePeriod() throws SQLException {
    String id = register("webhook", "http://127.0.0.1:9/leaked").getString("id");
    given()
        .header("Authorization", ADMIN)
        .queryParam("revokePrevious", true)
        .post("/v1/endpoints/{id}/secret/rotate", id)
        .then()
        .statusCode(200)
        .body("$", not(hasKey("previousSecretValidUntil")));
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select previous_secret, previous_secret_expires_at from endpoint"
                    + " where id = cast(? as uuid)")) {
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isNull();
        assertThat(rs.getObject(2)).isNull();
      }
    }
  }
}
