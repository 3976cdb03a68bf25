package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.secrets.SecretBox;
import io.firebell.platform.secrets.SecretResealer;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 10 for people's paging webhooks: the signing secret is encrypted at rest (and
 * re-encrypted when the key rotates, or when a row predates encryption), and the webhook URL, a
 * credential, is whole for admins only.
 */
@QuarkusTest
class PersonSecretsTest {

  private static final String ADMIN = TestTokens.bearer("ada", "admin");

  @Inject AgroalDataSource db;
  @Inject SecretBox secretBox;
  @Inject SecretResealer resealer;

  @ConfigProperty(name = "firebell.secrets.keys")
  List<String> keys;

  private static String put(String id, String url) {
    return given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"" + id + "\",\"webhookUrl\":\"" + url + "\"}")
        .put("/v1/people/" + id)
        .then()
        .statusCode(200)
        .extract()
        .path("webhookSecret");
  }

  private String stored(String id) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement("select webhook_secret from person where id = ?")) {
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }

  @Test
  void theSecretIsStoredSealedAndTheUrlIsRedactedBelowAdmin() throws SQLException {
    String id = "sealed-" + UUID.randomUUID() + "@firebell.test";
    String url = "https://127.0.0.1:9/services/T0AB/B0CD/pagingSekr3tAb12";
    String secret = put(id, url);
    assertThat(secret).startsWith("whsec_");
    String sealed = stored(id);
    assertThat(sealed)
        .startsWith(SecretBox.PREFIX + secretBox.currentKeyId() + ":")
        .doesNotContain(secret)
        .doesNotContain(secret.substring("whsec_".length()));
    assertThat(secretBox.open(sealed)).isEqualTo(secret);

    String path = "find { it.id == '" + id + "' }.webhookUrl";
    given()
        .header("Authorization", ADMIN)
        .get("/v1/people")
        .then()
        .statusCode(200)
        .body(path, equalTo(url));
    String asViewer =
        given()
            .header("Authorization", TestTokens.bearer("vic", "viewer"))
            .get("/v1/people")
            .then()
            .statusCode(200)
            .body(path, equalTo("https://127.0.0.1/…Ab12"))
            .extract()
            .asString();
    assertThat(asViewer).doesNotContain("pagingSekr3t");
  }

  @Test
  void aNewKeyResealsEveryValueAndRowsFromBeforeEncryptionAreSealedToo() throws SQLException {
    String id = "rotated-" + UUID.randomUUID() + "@firebell.test";
    String secret = put(id, "https://127.0.0.1:9/rotated");
    String legacyId = "legacy-" + UUID.randomUUID() + "@firebell.test";
    String legacySecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      // A row written before encryption at rest (V40's constraint forbids new ones).
      s.execute("alter table person drop constraint person_webhook_secret_sealed");
      try (PreparedStatement insert =
          c.prepareStatement(
              "insert into person (id, webhook_url, webhook_secret, created_at, updated_at)"
                  + " values (?, 'https://127.0.0.1:9/legacy', ?, now(), now())")) {
        insert.setString(1, legacyId);
        insert.setString(2, legacySecret);
        insert.executeUpdate();
      }
      assertThat(resealer.reseal(secretBox, "person", "webhook_secret")).isEqualTo(1);
      s.execute(
          "alter table person add constraint person_webhook_secret_sealed check (webhook_secret"
              + " is null or webhook_secret like 'enc:v1:%') not valid");
    }
    assertThat(stored(legacyId)).startsWith(SecretBox.PREFIX + secretBox.currentKeyId() + ":");
    assertThat(secretBox.open(stored(legacyId))).isEqualTo(legacySecret);

    // Rotation: a new key first, the old one kept to read what it sealed.
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    List<String> rotatedKeys = new ArrayList<>();
    rotatedKeys.add(Base64.getEncoder().encodeToString(fresh));
    rotatedKeys.addAll(keys);
    SecretBox rotated = new SecretBox(Optional.of(rotatedKeys));
    assertThat(rotated.currentKeyId()).isNotEqualTo(secretBox.currentKeyId());
    try {
      assertThat(resealer.reseal(rotated, "person", "webhook_secret")).isGreaterThanOrEqualTo(2);
      assertThat(stored(id)).startsWith(SecretBox.PREFIX + rotated.currentKeyId() + ":");
      assertThat(rotated.open(stored(id))).isEqualTo(secret);
      assertThat(rotated.open(stored(legacyId))).isEqualTo(legacySecret);
    } finally {
      // Back to the test key, which this instance encrypts with.
      List<String> back = new ArrayList<>(keys);
      back.add(rotatedKeys.get(0));
      resealer.reseal(new SecretBox(Optional.of(back)), "person", "webhook_secret");
    }
    assertThat(secretBox.open(stored(id))).isEqualTo(secret);
  }
}
