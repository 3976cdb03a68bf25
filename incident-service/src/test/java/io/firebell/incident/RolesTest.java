package io.firebell.incident;

import static io.firebell.incident.Api.ADMIN;
import static io.firebell.incident.Api.RESPONDER;
import static io.firebell.incident.Api.VIEWER;
import static io.firebell.incident.Api.count;
import static io.firebell.incident.Api.declare;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RolesTest {

  @Inject AgroalDataSource db;
  @Inject ObjectMapper mapper;

  @Test
  void theRecoveryLeadCanNeverAlsoBeTheCommunicationsLead() throws Exception {
    String id = declare("Orders failing", "order-api");
    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS)) {
      assign(id, "commander", RESPONDER, "{\"person\":\"seoyeon\"}")
          .statusCode(200)
          .body("person", equalTo("seoyeon"))
          .body("incident.commander", equalTo("seoyeon"));
      assign(id, "recovery_lead", RESPONDER, "{\"person\":\"jihoon\"}")
          .statusCode(200)
          .body("incident.recoveryLead", equalTo("jihoon"));
      assign(id, "communications_lead", RESPONDER, "{\"person\":\"hana\"}").statusCode(200);

      List<ConsumerRecord<String, byte[]>> assigned =
          incidents.await(
              r ->
                  id.equals(r.key())
                      && TopicReader.ofType(EventTypes.INCIDENT_ROLE_ASSIGNED.name()).test(r),
              3,
              Duration.ofSeconds(20));
      assertThat(assigned).hasSize(3);
      JsonNode last = mapper.readTree(assigned.get(2).value());
      assertThat(last.get("role").asText()).isEqualTo("communications_lead");
      assertThat(last.get("person").asText()).isEqualTo("hana");
      assertThat(last.get("assignedBy").asText()).isEqualTo("dana@firebell.test");
      assertThat(last.get("overrideBy").isNull()).isTrue();
    }

    long outbox = count(db, "select count(*) from outbox_message");
    assign(id, "communications_lead", RESPONDER, "{\"person\":\"jihoon\"}")
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("must be different people"));
    assign(id, "recovery_lead", RESPONDER, "{\"person\":\"hana\"}").statusCode(409);
    // an admin too needs a reason
    assign(id, "recovery_lead", ADMIN, "{\"person\":\"hana\"}")
        .statusCode(409)
        .body("detail", containsString("An admin may override this with a reason"));
    // a responder cannot override
    assign(
            id,
            "recovery_lead",
            RESPONDER,
            "{\"person\":\"hana\",\"overrideReason\":\"small team\"}")
        .statusCode(403)
        .body("detail", containsString("only an admin"));
    assign(id, "recovery_lead", ADMIN, "{\"person\":\"hana\",\"overrideReason\":\"  \"}")
        .statusCode(400);
    assertThat(count(db, "select count(*) from outbox_message")).isEqualTo(outbox);
    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}", id)
        .then()
        .body("recoveryLead", equalTo("jihoon"))
        .body("communicationsLead", equalTo("hana"));

    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS)) {
      assign(
              id,
              "recovery_lead",
              ADMIN,
              "{\"person\":\"hana\",\"overrideReason\":\"night shift: hana is the only one awake\"}")
          .statusCode(200)
          .body("overrideBy", equalTo("ada@firebell.test"))
          .body("previousPerson", equalTo("jihoon"))
          .body("incident.recoveryLead", equalTo("hana"))
          .body("incident.communicationsLead", equalTo("hana"));
      JsonNode event =
          mapper.readTree(
              incidents
                  .await(
                      r ->
                          id.equals(r.key())
                              && TopicReader.ofType(EventTypes.INCIDENT_ROLE_ASSIGNED.name())
                                  .test(r),
                      1,
                      Duration.ofSeconds(20))
                  .get(0)
                  .value());
      assertThat(event.get("overrideBy").asText()).isEqualTo("ada@firebell.test");
      assertThat(event.get("overrideReason").asText())
          .isEqualTo("night shift: hana is the only one awake");
    }
    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/timeline", id)
        .then()
        .body("items.kind", hasItem("role_override"))
        .body(
            "items.find { it.kind == 'role_override' }.summary",
            containsString("night shift: hana is the only one awake"))
        .body("items.find { it.kind == 'role_override' }.actor", equalTo("ada@firebell.test"));

    // role holders are in the war room
    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/participants", id)
        .then()
        .statusCode(200)
        .body("person", org.hamcrest.Matchers.containsInAnyOrder("seoyeon", "jihoon", "hana"));
  }

  @Test
  void reassigningTheSamePersonChangesNothing() throws Exception {
    String id = declare("Idempotent roles", "order-api");
    assign(id, "commander", RESPONDER, "{\"person\":\"seoyeon\"}").statusCode(200);
    long outbox = count(db, "select count(*) from outbox_message");
    assign(id, "commander", RESPONDER, "{\"person\":\"seoyeon\"}")
        .statusCode(200)
        .body("previousPerson", nullValue());
    assertThat(count(db, "select count(*) from outbox_message")).isEqualTo(outbox);
  }

  @Test
  void participantsJoinOnceWithTeamAndRole() throws Exception {
    String id = declare("War room", "order-api");
    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS)) {
      given()
          .header("Authorization", TestTokens.bearer("dongwook", "responder"))
          .contentType(ContentType.JSON)
          .body("{\"team\":\"sre\",\"role\":\"sre\"}")
          .post("/v1/incidents/{id}/participants", id)
          .then()
          .statusCode(201)
          .body("person", equalTo("dongwook@firebell.test"))
          .body("team", equalTo("sre"));
      given()
          .header("Authorization", TestTokens.bearer("dongwook", "responder"))
          .contentType(ContentType.JSON)
          .body("{\"team\":\"sre\"}")
          .post("/v1/incidents/{id}/participants", id)
          .then()
          .statusCode(200);
      given()
          .header("Authorization", TestTokens.bearer("cora", "communicator"))
          .contentType(ContentType.JSON)
          .body("{\"person\":\"planner.kim\",\"team\":\"order-planning\",\"role\":\"planner\"}")
          .post("/v1/incidents/{id}/participants", id)
          .then()
          .statusCode(201);
      List<ConsumerRecord<String, byte[]>> joined =
          incidents.await(
              r ->
                  id.equals(r.key())
                      && TopicReader.ofType(EventTypes.INCIDENT_PARTICIPANT_JOINED.name()).test(r),
              2,
              Duration.ofSeconds(20));
      assertThat(joined).hasSize(2);
      assertThat(mapper.readTree(joined.get(1).value()).get("role").asText()).isEqualTo("planner");
    }
    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/participants", id)
        .then()
        .body("size()", equalTo(2));
  }

  @Test
  void badInputUnknownThings401And403() throws Exception {
    String id = declare("Role errors", "order-api");
    long outbox = count(db, "select count(*) from outbox_message");
    assign(id, "janitor", RESPONDER, "{\"person\":\"x\"}")
        .statusCode(404)
        .contentType("application/problem+json");
    assign(id, "commander", RESPONDER, "{}")
        .statusCode(400)
        .body("detail", containsString("person"));
    assign(id, "commander", RESPONDER, "{\"person\":\"\"}").statusCode(400);
    assign(id, "commander", RESPONDER, "{\"person\":").statusCode(400);
    assign("6b1f5c1e-0000-4000-8000-000000000000", "commander", RESPONDER, "{\"person\":\"x\"}")
        .statusCode(404);
    given()
        .header("Authorization", RESPONDER)
        .contentType(ContentType.JSON)
        .body("{\"team\":" + "\"" + "t".repeat(101) + "\"}")
        .post("/v1/incidents/{id}/participants", id)
        .then()
        .statusCode(400);
    assertThat(count(db, "select count(*) from outbox_message")).isEqualTo(outbox);

    given()
        .contentType(ContentType.JSON)
        .body("{\"person\":\"x\"}")
        .put("/v1/incidents/{id}/roles/commander", id)
        .then()
        .statusCode(401);
    assign(id, "commander", VIEWER, "{\"person\":\"x\"}").statusCode(403);
    assign(id, "commander", TestTokens.bearer("cora", "communicator"), "{\"person\":\"x\"}")
        .statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/incidents/{id}/participants", id)
        .then()
        .statusCode(401);
    given()
        .header("Authorization", VIEWER)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/incidents/{id}/participants", id)
        .then()
        .statusCode(403);
    given().get("/v1/incidents/{id}/participants", id).then().statusCode(401);
  }

  private static ValidatableResponse assign(String id, String role, String token, String body) {
    return given()
        .header("Authorization", token)
        .contentType(ContentType.JSON)
        .body(body)
        .put("/v1/incidents/{id}/roles/{role}", id, role)
        .then();
  }
}
