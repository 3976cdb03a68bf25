package io.firebell.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two tiers of review: a team review escalated to an org-wide one (two linked reviews), the
 * severity policy deciding which is required, and a review not booked by its policy deadline
 * flagged in the API, the Prometheus metrics and the dashboard.
 */
@QuarkusTest
class TwoTierReviewTest {

  @Inject ObjectMapper mapper;

  private final String reviewer = TestTokens.bearer("rita", "reviewer");
  private final String viewer = TestTokens.bearer("vic", "viewer");

  @Test
  void aTeamReviewIsEscalatedToALinkedOrgWideReview() throws Exception {
    TestIncidents.Incident i = resolved("SEV3", Instant.now().minus(Duration.ofHours(5)));
    String team =
        given()
            .header("Authorization", reviewer)
            .contentType(ContentType.JSON)
            .body(Map.of("incidentId", i.id()))
            .post("/v1/reviews")
            .then()
            .statusCode(201)
            .body("kind", equalTo("team"))
            .body("escalatedFrom", nullValue())
            .extract()
            .path("id");
    required(i.id()).body("[0].requiredKind", equalTo("team")).body("[0].state", equalTo("booked"));

    escalate(team, Map.of()).statusCode(400);
    String orgWide =
        escalate(team, Map.of("reason", "three domains were hit; org heads must hear it"))
            .statusCode(201)
            .body("kind", equalTo("org_wide"))
            .body("escalatedFrom", equalTo(team))
            .body("escalationReason", containsString("three domains"))
            .body("location", equalTo("Main hall"))
            .body("attendees", hasItem("cto@firebell.example"))
            .body("incidentId", equalTo(i.id().toString()))
            .extract()
            .path("id");
    // two reviews of the incident, linked; the team review stays as it was
    given()
        .header("Authorization", viewer)
        .queryParam("incidentId", i.id())
        .get("/v1/reviews")
        .then()
        .statusCode(200)
        .body("", hasSize(2))
        .body("find { it.id == '" + orgWide + "' }.escalatedFrom", equalTo(team))
        .body("find { it.id == '" + team + "' }.status", equalTo("scheduled"));
    required(i.id())
        .body("[0].requiredKind", equalTo("org_wide"))
        .body("[0].escalated", equalTo(true))
        .body("[0].reviewId", equalTo(orgWide))
        .body("[0].state", equalTo("booked"));

    escalate(team, Map.of("reason", "again")).statusCode(409);
    escalate(orgWide, Map.of("reason", "higher still"))
        .statusCode(409)
        .body("detail", containsString("only a team review"));
    escalate(UUID.randomUUID().toString(), Map.of("reason", "x")).statusCode(404);
    given()
        .header("Authorization", viewer)
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "not mine to decide"))
        .post("/v1/reviews/{id}/escalate", team)
        .then()
        .statusCode(403);
  }

  @Test
  void theSeverityPolicyDecidesTheTierAndAReviewNotBookedByItsDeadlineIsFlagged() throws Exception {
    Instant longAgo = Instant.now().minus(Duration.ofDays(20));
    TestIncidents.Incident unbooked = resolved("SEV2", longAgo);
    TestIncidents.Incident late = resolved("SEV1", longAgo.plusSeconds(600));
    TestIncidents.Incident fresh = resolved("SEV4", Instant.now().minus(Duration.ofHours(2)));

    required(unbooked.id())
        .body("[0].requiredKind", equalTo("org_wide"))
        .body("[0].state", equalTo("overdue"))
        .body("[0].flagged", equalTo(true))
        .body("[0].reviewId", nullValue())
        .body("[0].bookBy", notNullValue());
    required(fresh.id())
        .body("[0].requiredKind", equalTo("team"))
        .body("[0].state", equalTo("due"))
        .body("[0].flagged", equalTo(false));

    // booking now, long after the deadline, satisfies the policy late
    given()
        .header("Authorization", reviewer)
        .contentType(ContentType.JSON)
        .body(Map.of("incidentId", late.id()))
        .post("/v1/reviews")
        .then()
        .statusCode(201)
        .body("kind", equalTo("org_wide"));
    required(late.id())
        .body("[0].state", equalTo("booked_late"))
        .body("[0].flagged", equalTo(true));

    given()
        .header("Authorization", viewer)
        .queryParam("state", "overdue")
        .get("/v1/reviews/required")
        .then()
        .statusCode(200)
        .body("incidentId", hasItem(unbooked.id().toString()))
        .body("state", org.hamcrest.Matchers.everyItem(equalTo("overdue")));
    given()
        .header("Authorization", viewer)
        .queryParam("flagged", "true")
        .get("/v1/reviews/required")
        .then()
        .statusCode(200)
        .body("incidentId", hasItem(unbooked.id().toString()))
        .body("incidentId", hasItem(late.id().toString()))
        .body("incidentId", org.hamcrest.Matchers.not(hasItem(fresh.id().toString())))
        .body("flagged", org.hamcrest.Matchers.everyItem(equalTo(true)));
    given()
        .header("Authorization", viewer)
        .queryParam("flagged", "false")
        .get("/v1/reviews/required")
        .then()
        .statusCode(200)
        .body("incidentId", hasItem(fresh.id().toString()))
        .body("incidentId", org.hamcrest.Matchers.not(hasItem(late.id().toString())))
        .body("flagged", org.hamcrest.Matchers.everyItem(equalTo(false)));
    given()
        .header("Authorization", viewer)
        .queryParam("flagged", "yes")
        .get("/v1/reviews/required")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("flagged"));
    given()
        .header("Authorization", viewer)
        .queryParam("state", "late")
        .get("/v1/reviews/required")
        .then()
        .statusCode(400)
        .body("detail", containsString("state"));

    // the Prometheus gauge counts it, and the dashboard lists it
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(gauge("firebell_review_reviews_overdue")).isGreaterThan(0));
    String page =
        given().header("Authorization", viewer).get("/dashboard").then().extract().asString();
    String section =
        page.substring(
            page.indexOf("Reviews not booked by their deadline"),
            page.indexOf("</section>", page.indexOf("Reviews not booked by their deadline")));
    assertThat(section).contains(unbooked.reference()).contains(late.reference());
    assertThat(section).doesNotContain(fresh.reference());
  }

  @Test
  void aCorrectedSeverityDecidesTheTierInTheWindowToo() throws Exception {
    // SEV4 gets a team review; the report corrects it to SEV2, which needs the org-wide one. The
    // window's listing reads corrections and bookings by the window, not by a list of incidents.
    TestIncidents.Incident i = resolved("SEV4", Instant.now().minus(Duration.ofHours(3)));
    String etag =
        given()
            .header("Authorization", reviewer)
            .get("/v1/reports/{id}", i.id())
            .then()
            .statusCode(200)
            .extract()
            .header("ETag");
    given()
        .header("Authorization", reviewer)
        .header("If-Match", etag)
        .contentType(ContentType.JSON)
        .body(
            "{\"corrections\":[{\"field\":\"severity\",\"value\":\"SEV2\",\"reason\":\"orders failed for all customers\"}]}")
        .patch("/v1/reports/{id}", i.id())
        .then()
        .statusCode(200);

    List<Map<String, Object>> listed =
        given()
            .header("Authorization", viewer)
            .get("/v1/reviews/required")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("findAll { it.incidentId == '" + i.id() + "' }");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0))
        .containsEntry("severity", "SEV2")
        .containsEntry("requiredKind", "org_wide");
  }

  private TestIncidents.Incident resolved(String severity, Instant occurred) throws Exception {
    TestIncidents.Incident i =
        TestIncidents.Incident.of(
            severity,
            List.of("tier-" + UUID.randomUUID().toString().substring(0, 6)),
            "system_alarm",
            occurred);
    try (TestIncidents incidents = new TestIncidents(mapper)) {
      incidents.happened(i);
    }
    TestIncidents.awaitReport(i.id());
    return i;
  }

  private ValidatableResponse escalate(String reviewId, Map<String, Object> body) {
    return given()
        .header("Authorization", reviewer)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/reviews/{id}/escalate", reviewId)
        .then();
  }

  private ValidatableResponse required(UUID incidentId) {
    return given()
        .header("Authorization", viewer)
        .queryParam("incidentId", incidentId)
        .get("/v1/reviews/required")
        .then()
        .statusCode(200)
        .body("", hasSize(1));
  }

  /** A gauge's value at /q/metrics (NaN until first computed). */
  static double gauge(String name) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(Double.NaN);
  }
}
