package io.firebell.broadcast.delivery;

import static io.firebell.broadcast.delivery.DeliveryTestSupport.ADMIN;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.COMMUNICATOR;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.RESPONDER;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.VIEWER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class EndpointResourceTest {

  private static final String MISSING = "6b1f5c1e-0000-4000-8000-000000000000";

  private static ValidatableResponse post(String token, String body) {
    var request = given().contentType(ContentType.JSON).body(body);
    if (token != null) {
      request.header("Authorization", token);
    }
    return request.post("/v1/endpoints").then();
  }

  private static long count() {
    // Every page, to count what is persisted.
    long total = 0;
    String cursor = null;
    do {
      var req = given().header("Authorization", VIEWER).queryParam("limit", 200);
      if (cursor != null) {
        req.queryParam("cursor", cursor);
      }
      JsonPath page = req.get("/v1/endpoints").then().statusCode(200).extract().jsonPath();
      total += page.getList("items").size();
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return total;
  }

  @Test
  void webhookEndpointGetsASecretShownOnce() {
    JsonPath created =
        post(
                ADMIN,
                "{\"name\":\"Partner A\",\"kind\":\"webhook\",\"url\":\"http://127.0.0.1:9/hook\"}")
            .statusCode(201)
            .header("Location", containsString("/v1/endpoints/"))
            .contentType(ContentType.JSON)
            .body("secret", startsWith("whsec_"))
            .body("enabled", equalTo(true))
            .body("kind", equalTo("webhook"))
            .extract()
            .jsonPath();
    String id = created.getString("id");
    assertThat(java.util.Base64.getDecoder().decode(created.getString("secret").substring(6)))
        .hasSizeBetween(24, 32);
    given()
        .header("Authorization", VIEWER)
        .get("/v1/endpoints/{id}", id)
        .then()
        .statusCode(200)
        .body("name", equalTo("Partner A"))
        .body("$", not(hasKey("secret")));
    String list = given().header("Authorization", ADMIN).get("/v1/endpoints?limit=200").asString();
    assertThat(list).doesNotContain(created.getString("secret"));

    String rotated =
        given()
            .header("Authorization", ADMIN)
            .post("/v1/endpoints/{id}/secret/rotate", id)
            .then()
            .statusCode(200)
            .body("secret", startsWith("whsec_"))
            .body("previousSecretValidUntil", not(nullValue()))
            .extract()
            .path("secret");
    assertThat(rotated).isNotEqualTo(created.getString("secret"));
    given()
        .header("Authorization", ADMIN)
        .get("/v1/endpoints/{id}", id)
        .then()
        .body("$", not(hasKey("secret")));
  }

  @Test
  void slackAndTeamsHaveNoSecret() {
    post(ADMIN, "{\"name\":\"Slack\",\"kind\":\"slack\",\"url\":\"https://127.0.0.1/services/x\"}")
        .statusCode(201)
        .body("$", not(hasKey("secret")));
    String teams =
        post(ADMIN, "{\"name\":\"Teams\",\"kind\":\"teams\",\"url\":\"http://127.0.0.1:9/t\"}")
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .header("Authorization", ADMIN)
        .post("/v1/endpoints/{id}/secret/rotate", teams)
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
  }

  @Test
  void changesAndDeletes() {
    String id =
        post(ADMIN, "{\"name\":\"Old\",\"kind\":\"webhook\",\"url\":\"http://127.0.0.1:9/a\"}")
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .header("Authorization", ADMIN)
        .contentType("application/merge-patch+json")
        .body("{\"name\":\"New\",\"url\":\"http://127.0.0.1:9/b\",\"enabled\":false}")
        .patch("/v1/endpoints/{id}", id)
        .then()
        .statusCode(200)
        .body("name", equalTo("New"))
        .body("url", equalTo("http://127.0.0.1:9/b"))
        .body("enabled", equalTo(false))
        .body("disabledReason", containsString("admin"));
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"enabled\":true}")
        .patch("/v1/endpoints/{id}", id)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(true))
        .body("$", not(hasKey("disabledReason")));
    // Bad patches change nothing.
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"url\":\"http://10.1.2.3/x\"}")
        .patch("/v1/endpoints/{id}", id)
        .then()
        .statusCode(422)
        .body("detail", containsString("private"));
    for (String bad : List.of("{}", "{\"name\":\"  \"}", "{\"url\":\"gopher://x\"}")) {
      given()
          .header("Authorization", ADMIN)
          .contentType(ContentType.JSON)
          .body(bad)
          .patch("/v1/endpoints/{id}", id)
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    // A viewer reads the URL redacted (scheme, host, last four characters): it is a credential.
    given()
        .header("Authorization", VIEWER)
        .get("/v1/endpoints/{id}", id)
        .then()
        .body("name", equalTo("New"))
        .body("url", equalTo("http://127.0.0.1/…:9/b"));
    given().header("Authorization", ADMIN).delete("/v1/endpoints/{id}", id).then().statusCode(204);
    given().header("Authorization", VIEWER).get("/v1/endpoints/{id}", id).then().statusCode(404);
    given().header("Authorization", ADMIN).delete("/v1/endpoints/{id}", id).then().statusCode(404);
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"x\"}")
        .patch("/v1/endpoints/{id}", MISSING)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .header("Authorization", ADMIN)
        .post("/v1/endpoints/{id}/secret/rotate", MISSING)
        .then()
        .statusCode(404);
  }

  @Test
  void listsWithACursor() {
    Set<String> mine = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      mine.add(
          post(
                  ADMIN,
                  "{\"name\":\"page "
                      + i
                      + "\",\"kind\":\"slack\",\"url\":\"http://127.0.0.1:9/\"}")
              .statusCode(201)
              .extract()
              .path("id"));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      var req = given().header("Authorization", VIEWER).queryParam("limit", 2);
      if (cursor != null) {
        req.queryParam("cursor", cursor);
      }
      JsonPath page = req.get("/v1/endpoints").then().statusCode(200).extract().jsonPath();
      assertThat(page.getList("items")).hasSizeLessThanOrEqualTo(2);
      seen.addAll(page.getList("items.id", String.class));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertThat(seen).containsAll(mine).doesNotHaveDuplicates();
    given().header("Authorization", VIEWER).get("/v1/endpoints?limit=0").then().statusCode(400);
    given().header("Authorization", VIEWER).get("/v1/endpoints?limit=201").then().statusCode(400);
    given().header("Authorization", VIEWER).get("/v1/endpoints?cursor=%%%").then().statusCode(400);
  }

  @Test
  void badInputIsRefusedAndNothingPersisted() {
    long before = count();
    for (String body :
        List.of(
            "",
            "{}",
            "{\"kind\":\"webhook\",\"url\":\"https://example.com/\"}",
            "{\"name\":\" \",\"kind\":\"webhook\",\"url\":\"https://example.com/\"}",
            "{\"name\":\""
                + "x".repeat(201)
                + "\",\"kind\":\"webhook\",\"url\":\"https://example.com/\"}",
            "{\"name\":\"a\",\"kind\":\"email\",\"url\":\"https://example.com/\"}",
            "{\"name\":\"a\",\"url\":\"https://example.com/\"}",
            "{\"name\":\"a\",\"kind\":\"webhook\"}",
            "{\"name\":\"a\",\"kind\":\"webhook\",\"url\":\"ftp://example.com/\"}",
            "{\"name\":\"a\",\"kind\":\"webhook\",\"url\":\"file:///etc/passwd\"}",
            "{\"name\":\"a\",\"kind\":\"webhook\",\"url\":\"https://u:p@example.com/\"}",
            "{\"name\":\"a\",\"kind\":\"webhook\",\"url\":\"not a url\"}",
            "{\"name\":\"a\",\"kind\":\"webhook\",\"url\":\"https://example.com/"
                + "x".repeat(2100)
                + "\"}",
            "{\"name\": [1], \"kind\":\"webhook\",\"url\":\"https://example.com/\"}",
            "{not json")) {
      post(ADMIN, body).statusCode(400).contentType("application/problem+json");
    }
    assertThat(count()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(
      strings = {
        "http://[::ffff:127.0.0.1]:9/|IPv4-mapped IPv6",
        "http://127.0.0.2:9/|loopback",
        "http://169.254.169.254/latest/meta-data/|cloud metadata",
        "http://100.64.0.1/|CGNAT",
        "http://10.1.2.3/|private",
        "http://192.168.0.10/|private",
        "http://172.16.5.4/|private",
        "http://[fe80::1]/|link-local",
        "http://[::1]/|loopback",
        "http://0.0.0.0/|unspecified",
        "http://224.0.0.1/|multicast",
        "https://intranet.firebell.test/hook|private",
        "https://metadata.firebell.test/|cloud metadata",
        "http://[fd00:ec2::254]/|cloud metadata",
      })
  void ssrfGuardRefusesEveryAddressClassAtRegistration(String row) {
    String[] parts = row.split("\\|");
    long before = count();
    post(ADMIN, "{\"name\":\"evil\",\"kind\":\"webhook\",\"url\":\"" + parts[0] + "\"}")
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", containsString(parts[1]));
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void unknownHostsAreRefused() {
    post(ADMIN, "{\"name\":\"x\",\"kind\":\"webhook\",\"url\":\"https://nowhere.firebell.test/\"}")
        .statusCode(422)
        .body("detail", containsString("does not resolve"));
  }

  @Test
  void everyEndpointNeedsAToken() {
    String id =
        post(ADMIN, "{\"name\":\"auth\",\"kind\":\"webhook\",\"url\":\"http://127.0.0.1:9/\"}")
            .statusCode(201)
            .extract()
            .path("id");
    String body = "{\"name\":\"x\",\"kind\":\"slack\",\"url\":\"http://127.0.0.1:9/\"}";
    given().get("/v1/endpoints").then().statusCode(401);
    given().get("/v1/endpoints/{id}", id).then().statusCode(401);
    post(null, body).statusCode(401);
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"x\"}")
        .patch("/v1/endpoints/{id}", id)
        .then()
        .statusCode(401);
    given().delete("/v1/endpoints/{id}", id).then().statusCode(401);
    given().post("/v1/endpoints/{id}/secret/rotate", id).then().statusCode(401);
  }

  @Test
  void onlyAdminsWriteAndIntegrationsSeeNothing() {
    String id =
        post(ADMIN, "{\"name\":\"roles\",\"kind\":\"webhook\",\"url\":\"http://127.0.0.1:9/\"}")
            .statusCode(201)
            .extract()
            .path("id");
    String integration = "Bearer " + integrationToken();
    String body = "{\"name\":\"x\",\"kind\":\"slack\",\"url\":\"http://127.0.0.1:9/\"}";
    for (String token : List.of(VIEWER, RESPONDER, COMMUNICATOR, integration)) {
      post(token, body).statusCode(403).contentType("application/problem+json");
      given()
          .header("Authorization", token)
          .contentType(ContentType.JSON)
          .body("{\"name\":\"x\"}")
          .patch("/v1/endpoints/{id}", id)
          .then()
          .statusCode(403);
      given()
          .header("Authorization", token)
          .delete("/v1/endpoints/{id}", id)
          .then()
          .statusCode(403);
      given()
          .header("Authorization", token)
          .post("/v1/endpoints/{id}/secret/rotate", id)
          .then()
          .statusCode(403);
    }
    // Any signed-in person reads; an integration token does not.
    for (String token : List.of(VIEWER, RESPONDER, COMMUNICATOR)) {
      given().header("Authorization", token).get("/v1/endpoints/{id}", id).then().statusCode(200);
      given().header("Authorization", token).get("/v1/endpoints").then().statusCode(200);
    }
    given().header("Authorization", integration).get("/v1/endpoints").then().statusCode(403);
    given()
        .header("Authorization", integration)
        .get("/v1/endpoints/{id}", id)
        .then()
        .statusCode(403);
    given().header("Authorization", VIEWER).get("/v1/endpoints/{id}", id).then().statusCode(200);
  }

  static String integrationToken() {
    return given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"ci-" + UUID.randomUUID() + "\",\"kind\":\"change_source\"}")
        .post("/v1/integrations")
        .then()
        .statusCode(201)
        .extract()
        .path("token");
  }
}
