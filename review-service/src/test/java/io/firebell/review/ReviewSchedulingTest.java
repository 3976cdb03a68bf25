package io.firebell.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.platform.testing.TestEventProducer;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReviewSchedulingTest {

  /** Monday 2027-03-08 10:00 in Asia/Seoul. */
  private static final String MONDAY_10 = "2027-03-08T01:00:00Z";

  @Inject ObjectMapper mapper;

  @Test
  void reviewsAreScheduledByPolicyWithoutDoubleBookingAndExportedAsICalendar() throws Exception {
    UUID sev2 = incident("SEV2");
    UUID other = incident("SEV2");
    UUID sev3 = incident("SEV3");
    String reviewer = TestTokens.bearer("rita", "reviewer");

    schedule(reviewer, sev2, "2027-03-06T01:00:00Z")
        .statusCode(409)
        .body("detail", containsString("saturday"));
    schedule(reviewer, sev2, "2027-03-08T00:00:00Z")
        .statusCode(409)
        .body("detail", containsString("business hours"));
    String id;
    try (TopicReader reviews = new TopicReader(Topics.REVIEWS)) {
      id =
          schedule(reviewer, sev2, MONDAY_10)
              .statusCode(201)
              .body("kind", equalTo("org_wide"))
              .body("location", equalTo("Main hall"))
              .body("attendees", hasItem("cto@firebell.example"))
              .body("timeZone", equalTo("Asia/Seoul"))
              .body("sequence", equalTo(0))
              .extract()
              .path("id");
      assertThat(
              reviews.await(
                  r ->
                      id.equals(r.key())
                          && EventTypes.REVIEW_SCHEDULED
                              .name()
                              .equals(TopicReader.header(r, "ce_type")),
                  1,
                  Duration.ofSeconds(60)))
          .hasSize(1);
    }
    schedule(reviewer, sev2, null)
        .statusCode(409)
        .body("detail", containsString("already scheduled"));
    schedule(reviewer, other, "2027-03-08T01:30:00Z")
        .statusCode(409)
        .body("detail", containsString("booked"));
    // Another room is free at the same time.
    schedule(reviewer, sev3, MONDAY_10)
        .statusCode(201)
        .body("kind", equalTo("team"))
        .body("location", equalTo("Team room"));
    String next = schedule(reviewer, other, null).statusCode(201).extract().path("startsAt");
    assertThat(Instant.parse(next)).isAfter(Instant.now());

    VEvent event =
        onlyEvent(
            given()
                .header("Authorization", reviewer)
                .accept("text/calendar")
                .get("/v1/reviews/{id}", id)
                .then()
                .statusCode(200)
                .contentType(containsString("text/calendar"))
                .extract()
                .asString());
    assertThat(value(event, Property.UID)).isEqualTo(id + "@firebell");
    assertThat(
            event
                .getProperty(Property.DTSTART)
                .orElseThrow()
                .getParameter("TZID")
                .orElseThrow()
                .getValue())
        .isEqualTo("Asia/Seoul");
    assertThat(value(event, Property.DTSTART)).isEqualTo("20270308T100000");
    assertThat(value(event, Property.DTEND)).isEqualTo("20270308T110000");
    assertThat(value(event, Property.ORGANIZER)).isEqualTo("mailto:sre@firebell.example");
    assertThat(event.getProperties(Property.ATTENDEE).stream().map(Property::getValue).toList())
        .contains("mailto:cto@firebell.example", "mailto:org-heads@firebell.example");
    assertThat(value(event, Property.SEQUENCE)).isEqualTo("0");
    assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
    assertThat(event.getProperty(Property.DTSTAMP)).isPresent();

    try (TopicReader reviews = new TopicReader(Topics.REVIEWS)) {
      given()
          .header("Authorization", reviewer)
          .contentType(ContentType.JSON)
          .body("{\"startsAt\":\"2027-03-09T05:00:00Z\",\"reason\":\"the CTO is travelling\"}")
          .patch("/v1/reviews/{id}", id)
          .then()
          .statusCode(200)
          .body("sequence", equalTo(1))
          .body("startsAt", equalTo("2027-03-09T05:00:00Z"));
      assertThat(
              reviews.await(
                  r ->
                      id.equals(r.key())
                          && EventTypes.REVIEW_RESCHEDULED
                              .name()
                              .equals(TopicReader.header(r, "ce_type")),
                  1,
                  Duration.ofSeconds(60)))
          .hasSize(1);
    }
    given()
        .header("Authorization", reviewer)
        .queryParam("reason", "merged with another review")
        .delete("/v1/reviews/{id}", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("cancelled"));
    VEvent cancelled =
        onlyEvent(
            given()
                .header("Authorization", reviewer)
                .accept("text/calendar")
                .get("/v1/reviews/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(value(cancelled, Property.STATUS)).isEqualTo("CANCELLED");
    assertThat(value(cancelled, Property.SEQUENCE)).isEqualTo("2");
    // Every review of one incident, whenever it starts and cancelled ones too.
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .queryParam("incidentId", sev2.toString())
        .get("/v1/reviews")
        .then()
        .statusCode(200)
        .body("id", contains(id))
        .body("status", contains("cancelled"));
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .queryParam("incidentId", sev2.toString())
        .queryParam("from", "2027-03-01T00:00:00Z")
        .get("/v1/reviews")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("from"));
    given()
        .header("Authorization", reviewer)
        .queryParam("reason", "again")
        .delete("/v1/reviews/{id}", id)
        .then()
        .statusCode(409);

    Calendar feed =
        new CalendarBuilder()
            .build(
                new StringReader(
                    given()
                        .header("Authorization", TestTokens.bearer("vic", "viewer"))
                        .get("/v1/reviews/calendar.ics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString()));
    assertThat(feed.<VEvent>getComponents("VEVENT")).hasSizeGreaterThanOrEqualTo(3);
  }

  /**
   * Requests to schedule the review of one incident that arrive together (two replicas, a double
   * click) make one review: the others are told one is already scheduled.
   */
  @Test
  void reviewsOfOneIncidentAskedForAtOnceMakeOne() throws Exception {
    UUID id = incident("SEV2");
    String reviewer = TestTokens.bearer("rita", "reviewer");
    int together = 6;
    CyclicBarrier start = new CyclicBarrier(together);
    ExecutorService pool = Executors.newFixedThreadPool(together);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < together; i++) {
      answers.add(
          pool.submit(
              () -> {
                start.await(30, TimeUnit.SECONDS);
                return schedule(reviewer, id, null).extract().statusCode();
              }));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> answer : answers) {
      statuses.add(answer.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(statuses).containsOnly(201, 409);
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    given()
        .header("Authorization", TestTokens.bearer("vic", "viewer"))
        .queryParam("incidentId", id.toString())
        .get("/v1/reviews")
        .then()
        .statusCode(200)
        .body("size()", equalTo(1));
  }

  @Test
  void scheduleNeedsAReviewerAndValidInput() throws Exception {
    UUID id = incident("SEV3");
    schedule(TestTokens.bearer("dana", "responder"), id, null)
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .contentType(ContentType.JSON)
        .body("{\"incidentId\":\"" + id + "\"}")
        .post("/v1/reviews")
        .then()
        .statusCode(401);
    String reviewer = TestTokens.bearer("rita", "reviewer");
    given()
        .header("Authorization", reviewer)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/reviews")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("incidentId"));
    given()
        .header("Authorization", reviewer)
        .contentType(ContentType.JSON)
        .body("{\"incidentId\":\"" + id + "\",\"attendees\":[\"not an email\"]}")
        .post("/v1/reviews")
        .then()
        .statusCode(400);
    schedule(reviewer, UUID.randomUUID(), null)
        .statusCode(404)
        .contentType("application/problem+json");
    schedule(reviewer, id, "2020-01-06T01:00:00Z")
        .statusCode(400)
        .body("detail", containsString("past"));
    given()
        .header("Authorization", reviewer)
        .get("/v1/reviews/{id}", UUID.randomUUID())
        .then()
        .statusCode(404);
    given()
        .header("Authorization", reviewer)
        .queryParam("from", "yesterday")
        .get("/v1/reviews")
        .then()
        .statusCode(400);
    given().get("/v1/reviews").then().statusCode(401);
    given().get("/v1/reviews/calendar.ics").then().statusCode(401);
    String responder = TestTokens.bearer("dana", "responder");
    given()
        .header("Authorization", responder)
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"x\"}")
        .patch("/v1/reviews/{id}", UUID.randomUUID())
        .then()
        .statusCode(403);
    given()
        .header("Authorization", responder)
        .delete("/v1/reviews/{id}", UUID.randomUUID())
        .then()
        .statusCode(403);
    given()
        .header("Authorization", responder)
        .contentType(ContentType.JSON)
        .body("{\"minutesUrl\":\"https://wiki.example.com/x\"}")
        .post("/v1/reviews/{id}/held", UUID.randomUUID())
        .then()
        .statusCode(403);
    given()
        .header("Authorization", reviewer)
        .contentType(ContentType.JSON)
        .body("{\"minutesUrl\":\"not a link\"}")
        .post("/v1/reviews/{id}/held", UUID.randomUUID())
        .then()
        .statusCode(400);
    given()
        .header("Authorization", reviewer)
        .contentType(ContentType.JSON)
        .body("{}")
        .patch("/v1/reviews/{id}", UUID.randomUUID())
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("reason"));
  }

  private io.restassured.response.ValidatableResponse schedule(
      String token, UUID incidentId, String preferred) {
    String body =
        "{\"incidentId\":\""
            + incidentId
            + "\""
            + (preferred == null ? "" : ",\"preferredStart\":\"" + preferred + "\"")
            + "}";
    return given()
        .header("Authorization", token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/reviews")
        .then();
  }

  private UUID incident(String severity) throws Exception {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    IncidentDeclared declared =
        new IncidentDeclared(
            id,
            "INC-" + id.toString().substring(0, 4),
            "Review me",
            null,
            severity,
            "investigating",
            List.of("review-svc-" + id.toString().substring(0, 4)),
            List.of("order"),
            null,
            null,
            "manual",
            now,
            now,
            now,
            "dana@firebell.test",
            null);
    try (TestEventProducer producer = new TestEventProducer()) {
      producer.send(
          EventTypes.INCIDENT_DECLARED,
          UUID.randomUUID(),
          id.toString(),
          mapper.writeValueAsString(declared));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                given()
                        .header("Authorization", TestTokens.bearer("vic", "viewer"))
                        .get("/v1/incident-facts/{id}", id)
                        .statusCode()
                    == 200);
    return id;
  }

  private static VEvent onlyEvent(String ics) throws Exception {
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
    List<VEvent> events = calendar.getComponents("VEVENT");
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static String value(VEvent event, String name) {
    return event.getProperty(name).orElseThrow().getValue();
  }
}
