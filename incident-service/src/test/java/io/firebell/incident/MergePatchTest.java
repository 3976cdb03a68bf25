package io.firebell.incident;

import static io.firebell.incident.Api.RESPONDER;
import static io.firebell.incident.Api.VIEWER;
import static io.firebell.incident.Api.count;
import static io.firebell.incident.Api.declare;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** PATCH /v1/incidents/{id} as a JSON merge patch: left out, null and a value are three things. */
@QuarkusTest
class MergePatchTest {

  @Inject AgroalDataSource db;
  @Inject ObjectMapper mapper;

  @Test
  void nullClearsAFieldAndLeavingItOutKeepsIt() throws Exception {
    String id = declare("Coupons rejected", "coupon-api");
    mergePatch(
            id,
            """
            {"customerImpact":"Coupons are refused at checkout","location":"POST /v1/coupons",
             "occurredAt":"2026-11-25T06:00:00Z","stakeholderGroups":["customers"]}
            """)
        .statusCode(200)
        .body("customerImpact", equalTo("Coupons are refused at checkout"));

    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS)) {
      mergePatch(id, "{\"customerImpact\":null,\"occurredAt\":null,\"stakeholderGroups\":null}")
          .statusCode(200)
          .body("customerImpact", nullValue())
          .body("occurredAt", nullValue())
          .body("stakeholderGroups", empty())
          .body("location", equalTo("POST /v1/coupons"))
          .body("title", equalTo("Coupons rejected"));

      Predicate<ConsumerRecord<String, byte[]>> updated =
          TopicReader.ofType(EventTypes.INCIDENT_UPDATED.name()).and(r -> id.equals(r.key()));
      byte[] event = incidents.await(updated, 1, Duration.ofSeconds(20)).get(0).value();
      JsonNode changes = mapper.readTree(event).get("changes");
      assertThat(changes.has("customerImpact")).isTrue();
      assertThat(changes.get("customerImpact").isNull()).isTrue();
      assertThat(changes.get("occurredAt").isNull()).isTrue();
      assertThat(changes.get("stakeholderGroups").isEmpty()).isTrue();
      assertThat(changes.has("location")).isFalse();
    }
    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}", id)
        .then()
        .body("customerImpact", nullValue())
        .body("location", equalTo("POST /v1/coupons"));
  }

  @Test
  void namesAreTidiedAndAPatchThatChangesNothingPublishesNothing() throws Exception {
    String id = declare("Menus stale", "menu-api");
    mergePatch(
            id, "{\"services\":[\" menu-api \",\"menu-cache\",\"menu-api\"],\"title\":\" Menus \"}")
        .statusCode(200)
        .body("services", contains("menu-api", "menu-cache"))
        .body("title", equalTo("Menus"));
    long outbox = count(db, "select count(*) from outbox_message");
    mergePatch(id, "{\"services\":[\"menu-api\",\"menu-cache\"],\"title\":\"Menus\"}")
        .statusCode(200);
    assertThat(count(db, "select count(*) from outbox_message")).isEqualTo(outbox);
  }

  @Test
  void refusalsNameTheField() throws Exception {
    String id = declare("Reviews slow", "review-api");
    long outbox = count(db, "select count(*) from outbox_message");
    refused(id, "{\"colour\":\"red\"}", "colour", "is not a field that can be changed");
    refused(id, "{\"status\":\"resolved\"}", "status", "/transitions");
    refused(id, "{\"title\":5}", "title", "wrong type");
    refused(id, "{\"services\":[\"a\",1]}", "services", "wrong type");
    refused(id, "{\"occurredAt\":1764050400}", "occurredAt", "wrong type");
    refused(id, "{\"severity\":null}", "severity", "cannot be cleared");
    refused(id, "{\"detectedAt\":null}", "detectedAt", "cannot be cleared");
    refused(id, "{\"detectionMethod\":null}", "detectionMethod", "must be one of");
    assertThat(count(db, "select count(*) from outbox_message")).isEqualTo(outbox);
    given()
        .header("Authorization", RESPONDER)
        .contentType(ContentType.JSON)
        .patch("/v1/incidents/{id}", id)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("JSON object"));
  }

  @Test
  void theOpenApiDocumentDescribesTheTypedBody() {
    JsonPath doc =
        given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
    String body = "paths.'/v1/incidents/{id}'.patch.requestBody.content";
    assertThat(doc.getMap(body)).containsKeys("application/json", "application/merge-patch+json");
    assertThat(doc.getString(body + ".'application/json'.schema.$ref")).endsWith("/IncidentPatch");
    assertThat(doc.getString(body + ".'application/merge-patch+json'.schema.$ref"))
        .endsWith("/IncidentPatch");
    String schema = "components.schemas.IncidentPatch";
    assertThat(doc.getMap(schema + ".properties").keySet())
        .containsExactlyInAnyOrder(
            "title",
            "summary",
            "severity",
            "services",
            "domains",
            "stakeholderGroups",
            "impactScope",
            "customerImpact",
            "warRoomUrl",
            "detectionMethod",
            "location",
            "occurredAt",
            "detectedAt",
            "acknowledgedAt",
            "mitigatedAt",
            "partner",
            "trafficSurge");
    assertThat(doc.getString(schema + ".properties.trafficSurge.type")).contains("boolean");
    assertThat(doc.getString(schema + ".properties.title.type")).contains("string");
    assertThat(doc.getString(schema + ".properties.summary.type")).contains("null");
    assertThat(doc.getString(schema + ".properties.services.type")).contains("array");
    assertThat(doc.getString(schema + ".properties.services.items.type")).contains("string");
    assertThat(doc.getString(schema + ".properties.occurredAt.format")).isEqualTo("date-time");
    assertThat(doc.getBoolean(schema + ".additionalProperties")).isFalse();
  }

  private static ValidatableResponse mergePatch(String id, String body) {
    return given()
        .header("Authorization", RESPONDER)
        .contentType("application/merge-patch+json")
        .body(body)
        .patch("/v1/incidents/{id}", id)
        .then();
  }

  private static void refused(String id, String body, String field, String message) {
    Api.patch(id, body)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("https://firebell.io/problems/validation"))
        .body("errors.field", hasItems(field))
        .body("errors[0].message", containsString(message));
  }
}
