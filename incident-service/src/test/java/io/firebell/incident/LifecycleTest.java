package io.firebell.incident;

import static io.firebell.incident.Api.ADMIN;
import static io.firebell.incident.Api.RESPONDER;
import static io.firebell.incident.Api.VIEWER;
import static io.firebell.incident.Api.count;
import static io.firebell.incident.Api.declare;
import static io.firebell.incident.Api.transition;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.AuthorizationMatrix;
import io.firebell.platform.testing.AuthorizationMatrix.Call;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LifecycleTest {

  private static final List<String> ALL =
      List.of("investigating", "identified", "monitoring", "resolved", "closed");

  private static final Map<String, Set<String>> LEGAL =
      Map.of(
          "investigating", Set.of("identified", "monitoring", "resolved"),
          "identified", Set.of("investigating", "monitoring", "resolved"),
          "monitoring", Set.of("investigating", "identified", "resolved"),
          "resolved", Set.of("closed"),
          "closed", Set.of());

  @Inject AgroalDataSource db;
  @Inject ObjectMapper mapper;

  @Test
  void everyLegalTransitionSucceedsAndEveryIllegalOneIs409() {
    for (String from : ALL) {
      String shown = incidentIn(from);
      JsonNode moves =
          readJson(
              given()
                  .header("Authorization", VIEWER)
                  .get("/v1/incidents/{id}/transitions", shown)
                  .then()
                  .statusCode(200)
                  .body("status", equalTo(from))
                  .extract()
                  .asString());
      Set<String> offered = new HashSet<>();
      moves
          .path("allowed")
          .forEach(
              m -> {
                offered.add(m.path("to").asText());
                assertThat(m.path("requires").toString())
                    .as("what a move to %s requires", m.path("to").asText())
                    .isEqualTo(
                        "resolved".equals(m.path("to").asText()) ? "[\"recoveryMethod\"]" : "[]");
              });
      assertThat(offered).as("moves offered from %s", from).isEqualTo(LEGAL.get(from));
      assertThat(moves.path("recoveryMethods").toString()).contains("rollback", "scale_out");
      if (from.equals("closed")) {
        assertThat(moves.path("allowed").isEmpty()).isTrue();
      }
      for (String to : ALL) {
        String id = incidentIn(from);
        String body =
            "resolved".equals(to)
                ? "{\"to\":\"resolved\",\"recoveryMethod\":\"rollback\"}"
                : "{\"to\":\"" + to + "\"}";
        if (LEGAL.get(from).contains(to)) {
          transition(id, body).statusCode(200).body("status", equalTo(to));
        } else {
          transition(id, body)
              .statusCode(409)
              .contentType("application/problem+json")
              .body("detail", containsString(from));
          given()
              .header("Authorization", VIEWER)
              .get("/v1/incidents/{id}", id)
              .then()
              .body("status", equalTo(from));
        }
      }
    }
  }

  @Test
  void resolvingNeedsARecoveryMethodAndClosingNeedsResolved() throws Exception {
    String id = declare("Checkout errors", "checkout");
    transition(id, "{\"to\":\"resolved\"}")
        .statusCode(409)
        .body("detail", containsString("recoveryMethod"));
    transition(id, "{\"to\":\"closed\"}")
        .statusCode(409)
        .body("detail", containsString("only after it is resolved"));
    transition(id, "{\"to\":\"identified\",\"recoveryMethod\":\"rollback\"}").statusCode(400);
    transition(id, "{\"to\":\"resolved\",\"recoveryMethod\":\"prayer\"}")
        .statusCode(400)
        .body("detail", containsString("recoveryMethod"));
    transition(id, "{\"to\":\"sleeping\"}").statusCode(400).body("detail", containsString("to"));
    transition(id, "{}").statusCode(400);

    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS)) {
      transition(id, "{\"to\":\"monitoring\",\"note\":\"scaled out, watching\"}")
          .statusCode(200)
          .body("acknowledgedAt", notNullValue())
          .body("mitigatedAt", notNullValue());
      transition(id, "{\"to\":\"resolved\",\"recoveryMethod\":\"scale_out\"}")
          .statusCode(200)
          .body("resolvedAt", notNullValue())
          .body("recoveryMethod", equalTo("scale_out"));
      transition(id, "{\"to\":\"closed\"}").statusCode(200).body("closedAt", notNullValue());

      List<ConsumerRecord<String, byte[]>> events =
          incidents.await(r -> id.equals(r.key()), 5, Duration.ofSeconds(20));
      List<String> types = events.stream().map(r -> TopicReader.header(r, "ce_type")).toList();
      assertThat(types)
          .containsExactly(
              EventTypes.INCIDENT_STATUS_CHANGED.name(),
              EventTypes.INCIDENT_STATUS_CHANGED.name(),
              EventTypes.INCIDENT_RESOLVED.name(),
              EventTypes.INCIDENT_STATUS_CHANGED.name(),
              EventTypes.INCIDENT_CLOSED.name());
      JsonNode resolved = mapper.readTree(events.get(2).value());
      assertThat(resolved.get("recoveryMethods").get(0).asText()).isEqualTo("scale_out");
      assertThat(resolved.get("occurredAt").isNull()).isFalse();
      JsonNode changed = mapper.readTree(events.get(0).value());
      assertThat(changed.get("note").asText()).isEqualTo("scaled out, watching");
    }
    // closed is final for everything
    given()
        .header("Authorization", RESPONDER)
        .contentType(ContentType.JSON)
        .body("{\"title\":\"late\"}")
        .patch("/v1/incidents/{id}", id)
        .then()
        .statusCode(409);
    given()
        .header("Authorization", RESPONDER)
        .contentType(ContentType.JSON)
        .body("{\"text\":\"late\"}")
        .post("/v1/incidents/{id}/timeline", id)
        .then()
        .statusCode(409);
  }

  @Test
  void patchChangesFieldsWithOptimisticConcurrency() throws Exception {
    String id = declare("Search slow", "search-api");
    String etag =
        given()
            .header("Authorization", VIEWER)
            .get("/v1/incidents/{id}", id)
            .then()
            .statusCode(200)
            .header("ETag", notNullValue())
            .extract()
            .header("ETag");

    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS)) {
      String newEtag =
          given()
              .header("Authorization", RESPONDER)
              .header("If-Match", etag)
              .contentType("application/merge-patch+json")
              .body(
                  """
                  {"severity":"SEV2","services":["search-api","search-index"],
                   "customerImpact":"Search results take 10 s to appear","location":"GET /v1/search",
                   "occurredAt":"2026-11-25T06:00:00Z","stakeholderGroups":["customers"],"summary":null}
                  """)
              .patch("/v1/incidents/{id}", id)
              .then()
              .statusCode(200)
              .body("severity", equalTo("SEV2"))
              .body("services", hasItems("search-api", "search-index"))
              .body("customerImpact", equalTo("Search results take 10 s to appear"))
              .body("stakeholderGroups", hasItem("customers"))
              .body("location", equalTo("GET /v1/search"))
              .body("occurredAt", equalTo("2026-11-25T06:00:00Z"))
              .extract()
              .header("ETag");
      assertThat(newEtag).isNotEqualTo(etag);

      List<ConsumerRecord<String, byte[]>> updated =
          incidents.await(
              r ->
                  id.equals(r.key())
                      && TopicReader.ofType(EventTypes.INCIDENT_UPDATED.name()).test(r),
              1,
              Duration.ofSeconds(20));
      assertThat(updated).hasSize(1);
      JsonNode data = mapper.readTree(updated.get(0).value());
      assertThat(data.get("changes").get("severity").asText()).isEqualTo("SEV2");
      assertThat(data.get("changes").has("summary")).isFalse(); // it was null already
      assertThat(data.get("severity").asText()).isEqualTo("SEV2");
    }

    // the stale ETag now loses
    long outbox = count(db, "select count(*) from outbox_message");
    given()
        .header("Authorization", RESPONDER)
        .header("If-Match", etag)
        .contentType(ContentType.JSON)
        .body("{\"title\":\"Overwritten\"}")
        .patch("/v1/incidents/{id}", id)
        .then()
        .statusCode(412)
        .contentType("application/problem+json")
        .body("detail", containsString("changed since you read it"));
    given()
        .header("Authorization", RESPONDER)
        .header("If-Match", "\"garbage\"")
        .contentType(ContentType.JSON)
        .body("{\"title\":\"Overwritten\"}")
        .patch("/v1/incidents/{id}", id)
        .then()
        .statusCode(412);
    assertThat(count(db, "select count(*) from outbox_message")).isEqualTo(outbox);
    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}", id)
        .then()
        .body("title", equalTo("Search slow"));
  }

  @Test
  void badPatchesAreProblemsAndChangeNothing() throws Exception {
    String id = declare("Login flaky", "auth");
    long outbox = count(db, "select count(*) from outbox_message");
    badPatch(id, "{\"status\":\"resolved\"}", "transitions");
    badPatch(id, "{\"colour\":\"red\"}", "colour");
    badPatch(id, "{\"title\":\"\"}", "title");
    badPatch(id, "{\"title\":null}", "title");
    badPatch(id, "{\"severity\":\"SEV9\"}", "severity");
    badPatch(id, "{\"services\":\"auth\"}", "services");
    badPatch(id, "{\"services\":[],\"domains\":[]}", "service or domain");
    badPatch(id, "{\"occurredAt\":\"yesterday\"}", "occurredAt");
    badPatch(id, "{\"warRoomUrl\":\"not a url\"}", "warRoomUrl");
    badPatch(id, "{\"detectionMethod\":\"psychic\"}", "detectionMethod");
    badPatch(id, "{\"occurredAt\":\"2999-01-01T00:00:00Z\"}", "detectedAt");
    badPatch(id, "[1,2]", "JSON object");
    badPatch(id, "{\"title\": ", "not valid JSON");
    badPatch(id, "{}", "nothing to change");
    assertThat(count(db, "select count(*) from outbox_message")).isEqualTo(outbox);
    given()
        .header("Authorization", RESPONDER)
        .contentType(ContentType.JSON)
        .body("{\"title\":\"x\"}")
        .patch("/v1/incidents/{id}", "6b1f5c1e-0000-4000-8000-000000000000")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void listFiltersAndPagesWithACursor() {
    String service = "list-svc-" + System.nanoTime();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(declare("List " + i, service));
    }
    transition(ids.get(0), "{\"to\":\"identified\"}").statusCode(200);

    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      var req =
          given()
              .header("Authorization", VIEWER)
              .queryParam("service", service)
              .queryParam("limit", 2);
      if (cursor != null) {
        req = req.queryParam("cursor", cursor);
      }
      var page = req.get("/v1/incidents").then().statusCode(200).extract().jsonPath();
      List<String> items = page.getList("items.id");
      assertThat(items.size()).isLessThanOrEqualTo(2);
      seen.addAll(items);
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);

    given()
        .header("Authorization", VIEWER)
        .queryParam("service", service)
        .get("/v1/incidents")
        .then()
        .body("items[0].id", equalTo(ids.get(4))) // newest first
        .body("nextCursor", nullValue());
    given()
        .header("Authorization", VIEWER)
        .queryParam("service", service)
        .queryParam("status", "identified")
        .get("/v1/incidents")
        .then()
        .body("items.id", org.hamcrest.Matchers.contains(ids.get(0)));
    given()
        .header("Authorization", VIEWER)
        .queryParam("service", service)
        .queryParam("status", "investigating")
        .queryParam("severity", "SEV3")
        .queryParam("since", "2020-01-01T00:00:00Z")
        .queryParam("until", "2999-01-01T00:00:00Z")
        .get("/v1/incidents")
        .then()
        .body("items.size()", equalTo(4));
    given()
        .header("Authorization", VIEWER)
        .queryParam("service", service)
        .queryParam("until", "2020-01-01T00:00:00Z")
        .get("/v1/incidents")
        .then()
        .body("items.size()", equalTo(0));
    given()
        .header("Authorization", VIEWER)
        .queryParam("domain", "no-such-domain-" + service)
        .get("/v1/incidents")
        .then()
        .body("items.size()", equalTo(0));

    for (String[] bad :
        List.of(
            new String[] {"status", "sleeping"},
            new String[] {"limit", "0"},
            new String[] {"limit", "1000"},
            new String[] {"since", "yesterday"},
            new String[] {"cursor", "%%%"},
            new String[] {"cursor", "bm90LWEtY3Vyc29y"})) {
      given()
          .header("Authorization", VIEWER)
          .queryParam(bad[0], bad[1])
          .get("/v1/incidents")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("detail", containsString(bad[0]));
    }
  }

  @Test
  void theTimelineTellsEverythingInOrderAndTakesNotes() throws Exception {
    String id = declare("Payments timing out", "payment-api");
    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS)) {
      given()
          .header("Authorization", TestTokens.bearer("cora", "communicator"))
          .contentType(ContentType.JSON)
          .body("{\"text\":\"  CS reports 30 tickets about failed payments \"}")
          .post("/v1/incidents/{id}/timeline", id)
          .then()
          .statusCode(201)
          .body("kind", equalTo("note"))
          .body("actor", equalTo("cora@firebell.test"));
      ConsumerRecord<String, byte[]> added =
          incidents
              .await(
                  r ->
                      id.equals(r.key())
                          && EventTypes.INCIDENT_NOTE_ADDED
                              .name()
                              .equals(TopicReader.header(r, "ce_type")),
                  1,
                  Duration.ofSeconds(20))
              .get(0);
      JsonNode note = mapper.readTree(added.value());
      assertThat(note.get("text").asText())
          .isEqualTo("CS reports 30 tickets about failed payments");
      assertThat(note.get("author").asText()).isEqualTo("cora@firebell.test");
      assertThat(note.get("addedAt").isNull()).isFalse();
    }
    transition(id, "{\"to\":\"identified\",\"note\":\"PG timeout\"}").statusCode(200);

    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/timeline", id)
        .then()
        .statusCode(200)
        .body("items.kind", org.hamcrest.Matchers.contains("declared", "note", "status_changed"))
        .body("items[0].actor", equalTo("dana@firebell.test"))
        .body("items[0].details.title", equalTo("Payments timing out"))
        .body("items[2].summary", containsString("investigating → identified: PG timeout"))
        .body("items[2].at", notNullValue());
    var first =
        given()
            .header("Authorization", VIEWER)
            .queryParam("limit", 2)
            .get("/v1/incidents/{id}/timeline", id)
            .then()
            .body("items.size()", equalTo(2))
            .extract()
            .jsonPath();
    given()
        .header("Authorization", VIEWER)
        .queryParam("cursor", first.getString("nextCursor"))
        .get("/v1/incidents/{id}/timeline", id)
        .then()
        .body("items.kind", org.hamcrest.Matchers.contains("status_changed"))
        .body("nextCursor", nullValue());

    // append-only, even for the database owner
    try (Connection c = db.getConnection()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  c.createStatement()
                      .executeUpdate(
                          "update incident_timeline set summary = 'x' where incident_id = '"
                              + id
                              + "'"))
          .hasMessageContaining("append-only");
    }

    long entries = count(db, "select count(*) from incident_timeline");
    for (String body : List.of("{}", "{\"text\":\"\"}", "{\"text\": 3,", "")) {
      given()
          .header("Authorization", RESPONDER)
          .contentType(ContentType.JSON)
          .body(body)
          .post("/v1/incidents/{id}/timeline", id)
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    assertThat(count(db, "select count(*) from incident_timeline")).isEqualTo(entries);
    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/timeline", "6b1f5c1e-0000-4000-8000-000000000000")
        .then()
        .statusCode(404);
    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/transitions", "6b1f5c1e-0000-4000-8000-000000000000")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void everyIncidentEndpointIs401WithoutATokenAnd403WithoutTheRole() {
    String id = declare("Auth matrix", "auth-matrix");
    String viewerOnly = TestTokens.bearer("vic", "viewer");
    List<Call> writes =
        List.of(
            new Call("PATCH", "/v1/incidents/" + id, "{\"title\":\"x\"}"),
            new Call("POST", "/v1/incidents/" + id + "/transitions", "{\"to\":\"identified\"}"),
            new Call("POST", "/v1/incidents/" + id + "/timeline", "{\"text\":\"x\"}"));
    AuthorizationMatrix.expectUnauthenticated(writes);
    AuthorizationMatrix.expectForbidden(writes, viewerOnly);
    given()
        .header("Authorization", TestTokens.bearer("rita", "reviewer"))
        .contentType(ContentType.JSON)
        .body("{\"text\":\"x\"}")
        .post("/v1/incidents/{id}/timeline", id)
        .then()
        .statusCode(403);
    List<Call> reads =
        List.of(
            Call.get("/v1/incidents"),
            Call.get("/v1/incidents/" + id),
            Call.get("/v1/incidents/" + id + "/timeline"),
            Call.get("/v1/incidents/" + id + "/transitions"));
    AuthorizationMatrix.expectUnauthenticated(reads);
    AuthorizationMatrix.expect(reads, "Bearer " + TestTokens.forged("mallory", "admin"), 401);
    AuthorizationMatrix.expect(reads, ADMIN, 200);
  }

  private static void badPatch(String id, String body, String detail) {
    Api.patch(id, body)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString(detail));
  }

  private JsonNode readJson(String json) {
    try {
      return mapper.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  /** A new incident brought to {@code status} by legal moves. */
  private static String incidentIn(String status) {
    String id = declare("In " + status, "lifecycle");
    switch (status) {
      case "identified", "monitoring" ->
          transition(id, "{\"to\":\"" + status + "\"}").statusCode(200);
      case "resolved", "closed" -> {
        transition(id, "{\"to\":\"resolved\",\"recoveryMethod\":\"restart\"}").statusCode(200);
        if ("closed".equals(status)) {
          transition(id, "{\"to\":\"closed\"}").statusCode(200);
        }
      }
      default -> {}
    }
    return id;
  }
}
