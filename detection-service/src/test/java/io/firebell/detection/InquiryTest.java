package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** N similar CS inquiries within the window open a cs_inquiry signal group. */
@QuarkusTest
class InquiryTest {

  @Test
  void fiveSimilarInquiriesOpenOneCsInquiryGroup() throws Exception {
    String service = "menu-" + UUID.randomUUID().toString().substring(0, 8);
    String desk = Fixtures.integration("cs_desk");
    String body =
        "{\"channel\":\"%s\",\"service\":\""
            + service
            + "\",\"category\":\"order_failed\","
            + "\"appPlatform\":\"ios\",\"appVersion\":\"12.3.0\",\"text\":\"Cannot order\"}";
    try (TopicReader detection = new TopicReader(Topics.DETECTION)) {
      for (int i = 0; i < 4; i++) {
        given()
            .header(
                "Authorization",
                i % 2 == 0 ? "Bearer " + desk : TestTokens.bearer("cs", "responder"))
            .contentType(ContentType.JSON)
            .body(body.formatted(i % 2 == 0 ? "chat" : "phone"))
            .post("/v1/inquiries")
            .then()
            .statusCode(201)
            .body("clusterId", nullValue());
      }
      given()
          .header("Authorization", "Bearer " + desk)
          .contentType(ContentType.JSON)
          .body(body.formatted("email"))
          .post("/v1/inquiries")
          .then()
          .statusCode(201)
          .body("clusterId", notNullValue());
      var opened =
          detection.await(
              r ->
                  TopicReader.ofType(EventTypes.INQUIRY_CLUSTER_OPENED.name()).test(r)
                      && new String(r.value()).contains(service),
              1,
              Duration.ofSeconds(30));
      assertThat(opened).hasSize(1);
      JsonNode c = new ObjectMapper().readTree(opened.get(0).value());
      assertThat(c.get("inquiryCount").asInt()).isEqualTo(5);
      assertThat(c.get("matchedOn").asText()).isEqualTo("service_category");
      assertThat(c.get("alertGroupId").isNull()).isFalse();
    }
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .queryParam("kind", "cs_inquiry")
        .queryParam("limit", 500)
        .get("/v1/alert-groups")
        .then()
        .statusCode(200)
        .body("items.service", hasItem(service));
    // Bad input and the wrong callers.
    given()
        .header("Authorization", "Bearer " + desk)
        .contentType(ContentType.JSON)
        .body("{\"channel\":\"chat\"}")
        .post("/v1/inquiries")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .contentType(ContentType.JSON)
        .body(body.formatted("chat"))
        .post("/v1/inquiries")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", "Bearer " + Fixtures.integration("alertmanager"))
        .contentType(ContentType.JSON)
        .body(body.formatted("chat"))
        .post("/v1/inquiries")
        .then()
        .statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(body.formatted("chat"))
        .post("/v1/inquiries")
        .then()
        .statusCode(401);
  }
}
