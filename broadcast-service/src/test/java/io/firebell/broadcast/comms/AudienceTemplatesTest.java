package io.firebell.broadcast.comms;

import static io.firebell.broadcast.comms.Comms.ADMIN;
import static io.firebell.broadcast.comms.Comms.COMMUNICATOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.testing.TestEventProducer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Templates per audience: customers, riders, store owners and partners get different words. */
@QuarkusTest
class AudienceTemplatesTest {

  private static final List<String> AUDIENCES =
      List.of("customers", "riders", "store_owners", "payment_gateways", "cs");

  @Inject AgroalDataSource db;

  @Test
  void oneUpdateReadsDifferentlyForEachAudience() throws Exception {
    UUID id = incident();
    JsonPath preview = preview(id, AUDIENCES);
    List<String> texts = preview.getList("texts.text");
    assertThat(new HashSet<>(texts)).as("five audiences, five texts").hasSize(5);
    assertThat(texts.get(0))
        .startsWith("Dear customer,")
        .contains("What happens to your order and payment:")
        .contains("Card payments fail for some orders.");
    assertThat(texts.get(1))
        .startsWith("To our riders:")
        .contains("What happens to your deliveries and earnings:");
    assertThat(texts.get(2))
        .startsWith("To our store owners:")
        .contains("Orders to your store should come in normally again by");
    assertThat(texts.get(3))
        .startsWith("Partner notice (Identified):")
        .contains("the connection with your systems");
    // an audience without its own template speaks in its register's words
    assertThat(texts.get(4)).contains("We expect everything to be back to normal by");
    assertThat(preview.getList("findings")).as("no system terms in the seeded words").isEmpty();
  }

  @Test
  void anAdminGivesAnAudienceItsOwnWordsAndAnUnusableTemplateIsRefused() throws Exception {
    String key = "franchise_hq_" + UUID.randomUUID().toString().substring(0, 6);
    audience(
            "POST",
            "/v1/audiences",
            Map.of("key", key, "name", "Franchise HQ", "scope", "external", "register", "service"))
        .statusCode(201)
        .body("updateTemplate", nullValue());
    String mine = "Franchise bulletin: {u.headline} {u.impact} Next: {u.nextUpdate ?: 'soon'}.";
    audience("PUT", "/v1/audiences/" + key, change(mine))
        .statusCode(200)
        .body("updateTemplate", equalTo(mine));
    UUID id = incident();
    assertThat(preview(id, List.of(key)).getString("texts[0].text"))
        .startsWith("Franchise bulletin: We have found what is wrong and are fixing it.")
        .contains("Card payments fail for some orders.");

    for (String bad : List.of("{u.nope}", "{#if u.impact}never closed", "{#for f in}")) {
      audience("PUT", "/v1/audiences/" + key, change(bad))
          .statusCode(422)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("updateTemplate"));
    }
    assertThat(Comms.string(db, "select update_template from audience where key = '" + key + "'"))
        .as("nothing kept")
        .isEqualTo(mine);

    // a change that leaves the template out keeps it; an empty one goes back to the register's
    audience(
            "PUT",
            "/v1/audiences/" + key,
            Map.of("name", "Franchise HQs", "scope", "external", "register", "service"))
        .statusCode(200)
        .body("updateTemplate", equalTo(mine));
    audience("PUT", "/v1/audiences/" + key, change(""))
        .statusCode(200)
        .body("updateTemplate", nullValue());
    assertThat(preview(id, List.of(key)).getString("texts[0].text"))
        .contains("We expect everything to be back to normal by");

    // system terms in an audience's own words are caught like any service-register text
    audience("PUT", "/v1/audiences/" + key, change("Our server is down. {u.impact}"))
        .statusCode(200);
    assertThat(preview(id, List.of(key)).getList("findings.term")).contains("server");
  }

  private static Map<String, Object> change(String template) {
    return Map.of(
        "name", "Franchise HQ",
        "scope", "external",
        "register", "service",
        "updateTemplate", template);
  }

  private static io.restassured.response.ValidatableResponse audience(
      String method, String path, Map<String, Object> body) {
    return given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(body)
        .request(method, path)
        .then();
  }

  private static JsonPath preview(UUID id, List<String> audiences) {
    return given()
        .header("Authorization", COMMUNICATOR)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "status",
                "identified",
                "impact",
                "Card payments fail for some orders.",
                "expectedRecoveryAt",
                Instant.now().plus(40, ChronoUnit.MINUTES).toString(),
                "followUpActions",
                List.of("Failed payments are cancelled within 3 days"),
                "audiences",
                audiences))
        .post("/v1/incidents/{id}/updates/preview", id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private UUID incident() throws Exception {
    UUID id = UUID.randomUUID();
    try (TestEventProducer producer = new TestEventProducer()) {
      Comms.send(producer, Comms.declared(id, "Card payments fail", Comms.uniqueService()), id);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Comms.count(db, "select count(*) from incident where id = '" + id + "'") == 1);
    return id;
  }
}
