package io.firebell.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventType;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.FirebellEvent;
import io.firebell.contracts.Topics;
import io.firebell.contracts.broadcast.DeliveryFailed;
import io.firebell.contracts.broadcast.UpdatePublished;
import io.firebell.contracts.incident.IncidentActionRecorded;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.contracts.incident.IncidentResolved;
import io.firebell.contracts.incident.IncidentRoleAssigned;
import io.firebell.contracts.incident.IncidentStatusChanged;
import io.firebell.platform.testing.BadInput;
import io.firebell.platform.testing.MutableClock;
import io.firebell.platform.testing.TestEventProducer;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.firebell.review.service.ActionItemService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReportLifecycleTest {

  private static final String COMMANDER = "carol";

  @Inject ObjectMapper mapper;
  @Inject MutableClock clock;
  @Inject ActionItemService actionItems;
  @Inject AgroalDataSource db;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void aResolvedIncidentYieldsACompleteDraftWithTheMergedTimeline() throws Exception {
    Instant occurred = Instant.parse("2026-11-20T10:00:00Z");
    UUID id;
    try (TopicReader reviews = new TopicReader(Topics.REVIEWS)) {
      id = resolvedIncident(occurred);
      List<?> drafted =
          reviews.await(
              r ->
                  id.toString().equals(r.key())
                      && EventTypes.REPORT_DRAFTED.name().equals(TopicReader.header(r, "ce_type")),
              1,
              Duration.ofSeconds(60));
      assertThat(drafted).hasSize(1);
    }
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .get("/v1/reports/{id}", id)
        .then()
        .statusCode(200)
        .header("ETag", notNullValue())
        .body("status", equalTo("draft"))
        .body("title", equalTo("Order API latency"))
        .body("facts.severity", equalTo("SEV2"))
        .body("facts.component", equalTo("order-api/checkout"))
        .body("facts.detectionMethod", equalTo("system_alarm"))
        .body("facts.occurredAt", equalTo("2026-11-20T10:00:00Z"))
        .body("facts.detectedAt", equalTo("2026-11-20T10:04:00Z"))
        .body("facts.acknowledgedAt", equalTo("2026-11-20T10:06:00Z"))
        .body("facts.mitigatedAt", equalTo("2026-11-20T10:30:00Z"))
        .body("facts.resolvedAt", equalTo("2026-11-20T10:45:00Z"))
        .body("facts.secondsToDetect", equalTo(240))
        .body("facts.secondsToResolve", equalTo(2700))
        .body("facts.recoveryMethods", contains("rollback"))
        .body("facts.commander", equalTo(COMMANDER + "@firebell.test"))
        .body(
            "timeline.kind",
            contains(
                "declared",
                "role_assigned",
                "status_changed",
                "update_published",
                "action_recorded",
                "delivery_failed",
                "status_changed",
                "resolved"))
        .body("timeline.source", hasItem("broadcast"))
        .body("timeline[5].summary", containsString("HTTP 500"));

    String markdown =
        given()
            .header("Authorization", TestTokens.bearer("vic", "viewer"))
            .accept("text/markdown")
            .get("/v1/reports/{id}", id)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(markdown)
        .contains("# INC-")
        .contains("| Detection method | system_alarm |")
        .contains("Update published to store_owners");
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .get("/reports/{id}", id)
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("<h2>Timeline</h2>"))
        .body(containsString("Order API latency"))
        .body(containsString("HTTP 500"));
    given().get("/reports/{id}", id).then().statusCode(401);
  }

  @Test
  void whysFollowTheRulesAndGatePublication() throws Exception {
    UUID id = resolvedIncident(Instant.parse("2026-11-21T09:00:00Z"));
    awaitReport(id);
    String reviewer = TestTokens.bearer("rita", "reviewer");

    putWhys(id, reviewer, "[]").statusCode(400).contentType("application/problem+json");
    putWhys(
            id,
            reviewer,
            "[" + why("Why could customers not order?", "Order API timed out", true, false) + "]")
        .statusCode(400)
        .body("errors[0].field", equalTo("whys[0].customerSymptom"));
    putWhys(
            id,
            reviewer,
            "[{\"question\":\"q\",\"answer\":\"a\",\"evidence\":[],\"verified\":true,\"customerSymptom\":true}]")
        .statusCode(400)
        .body("detail", containsString("evidence"));
    putWhys(
            id,
            reviewer,
            "["
                + why("Why could customers not order?", "Order API timed out", true, true)
                + ","
                + why("Why did it time out?", "A config change halved the pool", false, false)
                + ","
                + why("Why was the change not caught?", "No load test for config", true, false)
                + "]")
        .statusCode(200)
        .body("whys", hasSize(3))
        .body("whys[0].customerSymptom", equalTo(true));

    given()
        .header("Authorization", reviewer)
        .post("/v1/reports/{id}/publish", id)
        .then()
        .statusCode(422)
        .body("detail", containsString("cause"));
    // Only a reviewer or the incident's commander edits the chain and publishes.
    String stranger = TestTokens.bearer("dana", "responder");
    putWhys(id, stranger, "[" + why("Why?", "Because", true, true) + "]")
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .header("Authorization", stranger)
        .post("/v1/reports/{id}/publish", id)
        .then()
        .statusCode(403);
    given().post("/v1/reports/{id}/publish", id).then().statusCode(401);
    given()
        .contentType(ContentType.JSON)
        .body("{\"whys\":[]}")
        .put("/v1/reports/{id}/whys", id)
        .then()
        .statusCode(401);
    given()
        .header("Authorization", reviewer)
        .contentType(ContentType.JSON)
        .body(
            "{\"cause\":\"A config change by human error halved the DB pool\",\"causeCategory\":\"config\"}")
        .patch("/v1/reports/{id}", id)
        .then()
        .statusCode(200)
        .body("blamelessWarnings", hasSize(1))
        .body("blamelessWarnings[0]", containsString("cause says \"human error\""));
    // The findings are part of the report as read, so a reviewer sees them before publishing.
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .get("/v1/reports/{id}", id)
        .then()
        .statusCode(200)
        .body("blamelessWarnings[0]", containsString("human error"));
    given()
        .header("Authorization", reviewer)
        .post("/v1/reports/{id}/publish", id)
        .then()
        .statusCode(422)
        .body("detail", containsString("why #2"));
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .queryParam("status", "draft")
        .queryParam("limit", 500)
        .get("/v1/reports")
        .then()
        .statusCode(200)
        .body("incidentId", hasItem(id.toString()))
        .body("status", org.hamcrest.Matchers.everyItem(equalTo("draft")));

    putWhys(
            id,
            reviewer,
            "["
                + why("Why could customers not order?", "Order API timed out", true, true)
                + ","
                + why("Why did it time out?", "A config change halved the pool", true, false)
                + "]")
        .statusCode(200);
    try (TopicReader reviews = new TopicReader(Topics.REVIEWS)) {
      given()
          .header("Authorization", reviewer)
          .post("/v1/reports/{id}/publish", id)
          .then()
          .statusCode(200)
          .body("report.status", equalTo("published"))
          .body("report.publishedVersion", equalTo(1))
          .body("warnings[0]", containsString("human error"));
      given()
          .header("Authorization", TestTokens.bearer("vic", "viewer"))
          .queryParam("status", "published")
          .queryParam("limit", 500)
          .get("/v1/reports")
          .then()
          .statusCode(200)
          .body("find { it.incidentId == '" + id + "' }.publishedVersion", equalTo(1))
          .body("find { it.incidentId == '" + id + "' }.title", equalTo("Order API latency"))
          .body("status", org.hamcrest.Matchers.everyItem(equalTo("published")));
      given()
          .header("Authorization", TestTokens.bearer("vic", "viewer"))
          .queryParam("status", "finished")
          .get("/v1/reports")
          .then()
          .statusCode(400)
          .body("errors[0].field", equalTo("status"));
      assertThat(
              reviews.await(
                  r ->
                      id.toString().equals(r.key())
                          && EventTypes.REPORT_PUBLISHED
                              .name()
                              .equals(TopicReader.header(r, "ce_type")),
                  1,
                  Duration.ofSeconds(60)))
          .hasSize(1);
    }
    assertThat(
            count(
                "select count(*) from report_version where incident_id = '"
                    + id
                    + "' and version = 1"))
        .isEqualTo(1);
  }

  @Test
  void theCommanderOrAReviewerEditsOthersDoNotAndStaleEditsAreRefused() throws Exception {
    UUID id = resolvedIncident(Instant.parse("2026-11-22T09:00:00Z"));
    awaitReport(id);
    String commander = TestTokens.bearer(COMMANDER, "responder");
    String etag =
        given()
            .header("Authorization", commander)
            .get("/v1/reports/{id}", id)
            .then()
            .statusCode(200)
            .extract()
            .header("ETag");

    given()
        .header("Authorization", commander)
        .header("If-Match", etag)
        .contentType(ContentType.JSON)
        .body(
            "{\"impactFigures\":{\"failedOrders\":1200},\"corrections\":[{\"field\":\"occurredAt\",\"value\":\"2026-11-22T08:50:00Z\",\"reason\":\"the first 5xx in the access log\"}]}")
        .patch("/v1/reports/{id}", id)
        .then()
        .statusCode(200)
        .body("impactFigures.failedOrders", equalTo(1200))
        .body("facts.occurredAt", equalTo("2026-11-22T08:50:00Z"))
        .body("corrections[0].correctedBy", equalTo(COMMANDER + "@firebell.test"))
        .body("corrections[0].correctedAt", notNullValue());

    given()
        .header("Authorization", commander)
        .header("If-Match", etag)
        .contentType(ContentType.JSON)
        .body("{\"cause\":\"x\"}")
        .patch("/v1/reports/{id}", id)
        .then()
        .statusCode(412)
        .contentType("application/problem+json");
    given()
        .header("Authorization", TestTokens.bearer("dana", "responder"))
        .contentType(ContentType.JSON)
        .body("{\"cause\":\"x\"}")
        .patch("/v1/reports/{id}", id)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .contentType(ContentType.JSON)
        .body("{\"cause\":\"x\"}")
        .patch("/v1/reports/{id}", id)
        .then()
        .statusCode(401);
    given()
        .header("Authorization", commander)
        .contentType(ContentType.JSON)
        .body("{\"corrections\":[{\"field\":\"title\",\"value\":\"x\",\"reason\":\"y\"}]}")
        .patch("/v1/reports/{id}", id)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("corrections[0].field"));
    given()
        .header("Authorization", commander)
        .contentType(ContentType.JSON)
        .body("{\"corrections\":[{\"field\":\"resolvedAt\",\"value\":\"noon\",\"reason\":\"y\"}]}")
        .patch("/v1/reports/{id}", id)
        .then()
        .statusCode(400);
    given()
        .header("Authorization", commander)
        .contentType(ContentType.JSON)
        .body("{\"corrections\":[null]}")
        .patch("/v1/reports/{id}", id)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", containsString("corrections"));
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .get("/v1/reports/{id}", UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void actionItemsDefaultTheirDueDateAndAreAnnouncedOnceWhenOverdue() throws Throwable {
    UUID id = resolvedIncident(Instant.parse("2026-11-23T09:00:00Z"));
    awaitReport(id);
    String reviewer = TestTokens.bearer("rita", "reviewer");
    Instant before = Instant.now();
    String itemId =
        given()
            .header("Authorization", reviewer)
            .contentType(ContentType.JSON)
            .body(
                "{\"title\":\"Alert on DB pool saturation\",\"kind\":\"monitoring_alerting\",\"horizon\":\"short\",\"owner\":\"sam@firebell.test\"}")
            .post("/v1/reports/{id}/action-items", id)
            .then()
            .statusCode(201)
            .body("status", equalTo("open"))
            .extract()
            .path("id");
    Instant due =
        Instant.parse(
            given()
                .header("Authorization", reviewer)
                .get("/v1/action-items/{id}", itemId)
                .then()
                .statusCode(200)
                .extract()
                .path("dueAt"));
    assertThat(due)
        .isBetween(
            before.plus(Duration.ofDays(2)).minusSeconds(5),
            Instant.now().plus(Duration.ofDays(2)).plusSeconds(5));

    given()
        .header("Authorization", reviewer)
        .contentType(ContentType.JSON)
        .body("{\"title\":\"x\",\"kind\":\"prayer\",\"horizon\":\"short\",\"owner\":\"o\"}")
        .post("/v1/reports/{id}/action-items", id)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("kind"));
    given()
        .header("Authorization", reviewer)
        .contentType(ContentType.JSON)
        .body("{\"title\":\"x\",\"kind\":\"code\",\"horizon\":\"someday\",\"owner\":\"o\"}")
        .post("/v1/reports/{id}/action-items", id)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("horizon"));
    given()
        .header("Authorization", TestTokens.bearer("dana", "responder"))
        .contentType(ContentType.JSON)
        .body("{\"title\":\"x\",\"kind\":\"code\",\"horizon\":\"mid\",\"owner\":\"o\"}")
        .post("/v1/reports/{id}/action-items", id)
        .then()
        .statusCode(403);
    given()
        .header("Authorization", reviewer)
        .queryParam("overdue", true)
        .queryParam("incidentId", id)
        .get("/v1/action-items")
        .then()
        .statusCode(200)
        .body("$", hasSize(0));
    given().get("/v1/action-items").then().statusCode(401);
    given()
        .header("Authorization", reviewer)
        .queryParam("limit", 0)
        .get("/v1/action-items")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .contentType(ContentType.JSON)
        .body("{\"title\":\"x\",\"kind\":\"code\",\"horizon\":\"mid\",\"owner\":\"o\"}")
        .post("/v1/reports/{id}/action-items", id)
        .then()
        .statusCode(401);

    clock.advance(Duration.ofDays(3));
    try (TopicReader reviews = new TopicReader(Topics.REVIEWS)) {
      assertThat(announceOverdue()).isGreaterThanOrEqualTo(1);
      assertThat(announceOverdue()).isZero();
      assertThat(
              reviews.await(
                  r ->
                      itemId.equals(r.key())
                          && EventTypes.ACTION_ITEM_OVERDUE
                              .name()
                              .equals(TopicReader.header(r, "ce_type")),
                  2,
                  Duration.ofSeconds(5)))
          .hasSize(1);
    }
    given()
        .header("Authorization", reviewer)
        .queryParam("overdue", true)
        .queryParam("owner", "sam@firebell.test")
        .get("/v1/action-items")
        .then()
        .statusCode(200)
        .body("id", hasItem(itemId));
    // Its owner closes it.
    given()
        .header("Authorization", TestTokens.bearer("sam", "viewer"))
        .contentType(ContentType.JSON)
        .body("{\"status\":\"done\"}")
        .patch("/v1/action-items/{id}", itemId)
        .then()
        .statusCode(200)
        .body("status", equalTo("done"));
    given()
        .header("Authorization", TestTokens.bearer("zoe", "viewer"))
        .contentType(ContentType.JSON)
        .body("{\"status\":\"open\"}")
        .patch("/v1/action-items/{id}", itemId)
        .then()
        .statusCode(403);
  }

  /** Issue 19, item 13: who may edit is decided before the body is read or validated. */
  @Test
  void aViewerWhoMayNotEditIsRefusedWhateverTheBodySays() throws Exception {
    UUID id = resolvedIncident(Instant.parse("2026-11-23T09:00:00Z"));
    awaitReport(id);
    String viewer = TestTokens.bearer("vic", "viewer");
    String commander = TestTokens.bearer(COMMANDER, "responder");
    for (String body : List.of("{\"whys\":[]}", "{\"whys\":[{\"question\":\"\"}]}", "{", "[]")) {
      given()
          .header("Authorization", viewer)
          .contentType(ContentType.JSON)
          .body(body)
          .put("/v1/reports/{id}/whys", id)
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
      given()
          .header("Authorization", viewer)
          .contentType(ContentType.JSON)
          .body(body)
          .post("/v1/reports/{id}/action-items", id)
          .then()
          .statusCode(403);
      given()
          .header("Authorization", viewer)
          .contentType(ContentType.JSON)
          .body(body)
          .patch("/v1/reports/{id}", id)
          .then()
          .statusCode(403);
    }
    // The commander may edit: the same bad bodies are now what is wrong (400).
    putWhys(id, commander, "[]").statusCode(400).contentType("application/problem+json");
    given()
        .header("Authorization", commander)
        .contentType(ContentType.JSON)
        .body("{")
        .patch("/v1/reports/{id}", id)
        .then()
        .statusCode(400);
    String item =
        given()
            .header("Authorization", commander)
            .contentType(ContentType.JSON)
            .body(
                "{\"title\":\"Alert on config drift\",\"kind\":\"monitoring_alerting\","
                    + "\"horizon\":\"short\",\"owner\":\"ron@firebell.test\"}")
            .post("/v1/reports/{id}/action-items", id)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .header("Authorization", viewer)
        .contentType(ContentType.JSON)
        .body("{\"status\":42,\"dueAt\":\"soon\"}")
        .patch("/v1/action-items/{id}", item)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .header("Authorization", TestTokens.bearer("ron", "viewer"))
        .contentType(ContentType.JSON)
        .body("{\"dueAt\":\"soon\"}")
        .patch("/v1/action-items/{id}", item)
        .then()
        .statusCode(400);
  }

  /** Issue 19, item 12: text PostgreSQL cannot store, broken paths and racing editors. */
  @Test
  void badInputIsRefusedAndRacingEditorsGetAConflictNotAServerError() throws Exception {
    UUID id = resolvedIncident(Instant.parse("2026-11-24T09:00:00Z"));
    awaitReport(id);
    String commander = TestTokens.bearer(COMMANDER, "responder");
    String[] tables = {"why where incident_id = '" + id + "'", "action_item", "report_correction"};
    java.util.Map<String, Long> before = BadInput.rowCounts(db, tables);
    BadInput.refusesUnstorableText(
        commander,
        "PUT",
        "/v1/reports/" + id + "/whys",
        "{\"whys\":[" + why("Why did orders fail?", "%s", true, true) + "]}",
        "whys[0].answer");
    BadInput.refusesUnstorableText(
        commander,
        "POST",
        "/v1/reports/" + id + "/action-items",
        "{\"title\":\"%s\",\"kind\":\"code\",\"horizon\":\"short\",\"owner\":\"ron\"}",
        "title");
    assertThat(BadInput.rowCounts(db, tables)).isEqualTo(before);
    BadInput.refusesBrokenPathsAndQueries(commander, "GET", "/v1/reports");
    BadInput.refusesOversizedBody(commander, "PATCH", "/v1/reports/" + id, 1024 * 1024);

    for (int round = 0; round < 3; round++) {
      int n = round;
      List<java.util.concurrent.Callable<io.restassured.response.Response>> editors =
          java.util.stream.IntStream.range(0, 6)
              .<java.util.concurrent.Callable<io.restassured.response.Response>>mapToObj(
                  e ->
                      () ->
                          given()
                              .header("Authorization", commander)
                              .contentType(ContentType.JSON)
                              .body(
                                  "{\"whys\":["
                                      + why("Why " + n + "/" + e + "?", "Because", true, true)
                                      + ","
                                      + why("And then?", "Config", true, false)
                                      + "]}")
                              .put("/v1/reports/{id}/whys", id))
              .toList();
      List<Integer> statuses = BadInput.race(editors);
      assertThat(statuses).contains(200).allMatch(s -> s == 200 || s == 409 || s == 412);
      assertThat(count("select count(*) from why where incident_id = '" + id + "'")).isEqualTo(2);
    }
  }

  private int announceOverdue() throws Throwable {
    return VertxContextSupport.subscribeAndAwait(() -> actionItems.announceOverdue());
  }

  /** Publishes the life of one incident as incident- and broadcast-service would. */
  private UUID resolvedIncident(Instant occurred) throws Exception {
    UUID id = UUID.randomUUID();
    Instant detected = occurred.plus(4, ChronoUnit.MINUTES);
    try (TestEventProducer producer = new TestEventProducer()) {
      send(
          producer,
          EventTypes.INCIDENT_DECLARED,
          new IncidentDeclared(
              id,
              "INC-" + (int) (Math.random() * 100000),
              "Order API latency",
              "p99 above 3 s",
              "SEV2",
              "investigating",
              List.of("order-api"),
              List.of("order"),
              "orders in the app",
              "https://chat.example.com/r/1",
              "system_alarm",
              occurred,
              detected,
              occurred.plus(5, ChronoUnit.MINUTES),
              "dana@firebell.test",
              null));
      send(
          producer,
          EventTypes.INCIDENT_ROLE_ASSIGNED,
          new IncidentRoleAssigned(
              id,
              "commander",
              COMMANDER + "@firebell.test",
              null,
              null,
              null,
              "dana@firebell.test",
              occurred.plus(6, ChronoUnit.MINUTES)));
      send(
          producer,
          EventTypes.INCIDENT_STATUS_CHANGED,
          new IncidentStatusChanged(
              id,
              "investigating",
              "identified",
              null,
              "config change suspected",
              "carol@firebell.test",
              occurred.plus(10, ChronoUnit.MINUTES)));
      send(
          producer,
          EventTypes.UPDATE_PUBLISHED,
          new UpdatePublished(
              UUID.randomUUID(),
              id,
              "identified",
              "Orders may fail",
              occurred.plus(40, ChronoUnit.MINUTES),
              null,
              List.of("failed orders are refunded"),
              List.of("store_owners", "customers"),
              "cora@firebell.test",
              occurred.plus(12, ChronoUnit.MINUTES)));
      send(
          producer,
          EventTypes.INCIDENT_ACTION_RECORDED,
          new IncidentActionRecorded(
              id,
              UUID.randomUUID(),
              "rollback",
              "done",
              "rolled back order-api config 1.42",
              "order-api",
              UUID.randomUUID(),
              "1.41",
              "ron@firebell.test",
              null,
              false,
              "ron@firebell.test",
              occurred.plus(25, ChronoUnit.MINUTES)));
      send(
          producer,
          EventTypes.DELIVERY_FAILED,
          new DeliveryFailed(
              UUID.randomUUID(),
              "update",
              UUID.randomUUID(),
              id,
              UUID.randomUUID(),
              "pos-vendor",
              "webhook",
              "pos_vendors",
              1,
              500,
              null,
              occurred.plus(27, ChronoUnit.MINUTES),
              occurred.plus(26, ChronoUnit.MINUTES)));
      send(
          producer,
          EventTypes.INCIDENT_STATUS_CHANGED,
          new IncidentStatusChanged(
              id,
              "identified",
              "monitoring",
              null,
              null,
              "carol@firebell.test",
              occurred.plus(30, ChronoUnit.MINUTES)));
      send(
          producer,
          EventTypes.INCIDENT_RESOLVED,
          new IncidentResolved(
              id,
              "Order API latency",
              "SEV2",
              List.of("order-api"),
              List.of("order"),
              "order-api/checkout",
              "system_alarm",
              occurred,
              detected,
              occurred.plus(5, ChronoUnit.MINUTES),
              null,
              null,
              occurred.plus(45, ChronoUnit.MINUTES),
              List.of("rollback"),
              "carol@firebell.test"));
    }
    return id;
  }

  private <T extends FirebellEvent> void send(
      TestEventProducer producer, EventType<T> type, T event) throws Exception {
    producer.send(type, UUID.randomUUID(), event.aggregateId(), mapper.writeValueAsString(event));
  }

  private static void awaitReport(UUID id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                given()
                        .header("Authorization", TestTokens.bearer("vic", "viewer"))
                        .get("/v1/reports/{id}", id)
                        .statusCode()
                    == 200);
  }

  private static io.restassured.response.ValidatableResponse putWhys(
      UUID id, String token, String whys) {
    return given()
        .header("Authorization", token)
        .contentType(ContentType.JSON)
        .body("{\"whys\":" + whys + "}")
        .put("/v1/reports/{id}/whys", id)
        .then();
  }

  private static String why(String q, String a, boolean verified, boolean symptom) {
    return String.format(
        "{\"question\":\"%s\",\"answer\":\"%s\",\"evidence\":[\"https://grafana.example.com/d/1\"],\"verified\":%s,\"customerSymptom\":%s}",
        q, a, verified, symptom);
  }

  private long count(String sql) throws Exception {
    try (Connection c = db.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
