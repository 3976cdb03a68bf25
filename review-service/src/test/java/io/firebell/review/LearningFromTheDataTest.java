package io.firebell.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the data should teach, to the second: availability per service from impact windows beside
 * MTTD/MTTA/MTTR, MTTD per detection method, incidents monitoring missed, and weak spots with the
 * earlier incidents' open and closed action items.
 */
@QuarkusTest
class LearningFromTheDataTest {

  @Inject ObjectMapper mapper;

  private final String viewer = TestTokens.bearer("vic", "viewer");
  private final String reviewer = TestTokens.bearer("rita", "reviewer");

  // one story for the whole class, put on Kafka once
  private static Instant day;
  private static String cart;
  private static String menu;
  private static String component;
  private static TestIncidents.Incident first;
  private static TestIncidents.Incident second;
  private static TestIncidents.Incident third;

  /**
   * A day of its own between 2000 and 2019 (earlier runs on the same database are elsewhere): cart
   * fails at 01:00 (an alarm after 2 minutes, acknowledged 3 minutes later, mitigated at 02:00) and
   * again at 01:30 (customers tell the CS desk 40 minutes later, acknowledged after 10 more,
   * resolved at 03:00); menu fails from 05:00 to 15:00 (a business metric after 5 minutes,
   * acknowledged a minute later).
   */
  @BeforeEach
  void threeIncidents() throws Exception {
    if (day != null) {
      return;
    }
    day =
        Instant.parse("2000-01-01T00:00:00Z")
            .plus(ThreadLocalRandom.current().nextInt(7300), ChronoUnit.DAYS);
    String run = UUID.randomUUID().toString().substring(0, 6);
    cart = "cart-" + run;
    menu = "menu-" + run;
    component = "cart-db-" + run;
    first =
        new TestIncidents.Incident(
            UUID.randomUUID(),
            "SEV2",
            List.of(cart),
            component,
            "system_alarm",
            at("01:00"),
            at("01:02"),
            at("02:00"),
            at("02:30"));
    second =
        new TestIncidents.Incident(
            UUID.randomUUID(),
            "SEV3",
            List.of(cart),
            component,
            "cs_inquiry",
            at("01:30"),
            at("02:10"),
            null,
            at("03:00"));
    third =
        new TestIncidents.Incident(
            UUID.randomUUID(),
            "SEV3",
            List.of(menu),
            null,
            "business_metric",
            at("05:00"),
            at("05:05"),
            null,
            at("15:00"));
    try (TestIncidents incidents = new TestIncidents(mapper)) {
      incidents.happened(first, at("01:05"));
      incidents.happened(second, at("02:20"));
      incidents.happened(third, at("05:06"));
    }
    TestIncidents.awaitReport(first.id());
    TestIncidents.awaitReport(second.id());
    TestIncidents.awaitReport(third.id());
  }

  @Test
  void availabilityPerServiceComesFromTheImpactWindowsBesideMttdMttaMttr() {
    JsonPath services =
        period()
            .get("/v1/metrics/services")
            .then()
            .statusCode(200)
            .body("service", contains(menu, cart))
            // menu: 05:00-15:00 down
            .body("[0].impactSeconds", equalTo(36000))
            .body("[0].mtta.n", equalTo(1))
            .body("[0].mtta.p50", equalTo(60))
            // cart: 01:00-02:00 (mitigated) and 01:30-03:00 overlap into 01:00-03:00
            .body("[1].incidents", equalTo(2))
            .body("[1].impactSeconds", equalTo(7200))
            .body("[1].mttd.p50", equalTo(120))
            .body("[1].mttd.p90", equalTo(2400))
            .body("[1].mttr.p90", equalTo(5400))
            // acknowledged - detected: 3 and 10 minutes
            .body("[1].mtta.n", equalTo(2))
            .body("[1].mtta.p50", equalTo(180))
            .body("[1].mtta.p90", equalTo(600))
            .body("[1].mtta.mean", equalTo(390))
            .extract()
            .jsonPath();
    assertThat(services.getDouble("[0].availability")).isCloseTo(1 - 36000 / 86400.0, within(1e-6));
    assertThat(services.getDouble("[1].availability")).isCloseTo(1 - 7200 / 86400.0, within(1e-6));
  }

  @Test
  void mttdIsSplitByDetectionMethod() {
    period()
        .get("/v1/metrics/summary")
        .then()
        .statusCode(200)
        .body("total.count", equalTo(3))
        .body("mttdByDetectionMethod.system_alarm.p50", equalTo(120))
        .body("mttdByDetectionMethod.cs_inquiry.p50", equalTo(2400))
        .body("mttdByDetectionMethod.business_metric.p50", equalTo(300))
        .body("mttdByDetectionMethod.business_metric.n", equalTo(1));
  }

  @Test
  void incidentsDetectedLateOrFoundByCustomersAreFlaggedWithAMonitoringSuggestion() {
    period()
        .get("/v1/metrics/detection-gaps")
        .then()
        .statusCode(200)
        .body("incidentId", contains(second.id().toString()))
        .body("[0].lagSeconds", equalTo(2400))
        .body("[0].reasons", contains("detection_lag", "found_by_customers"))
        .body("[0].suggestedActionItem.kind", equalTo("monitoring_alerting"))
        .body("[0].suggestedActionItem.horizon", equalTo("short"))
        .body(
            "[0].suggestedActionItem.title",
            equalTo(
                "Add monitoring for "
                    + component
                    + " ("
                    + cart
                    + "): detection lagged occurrence by 40 min, customers found it first"))
        .body("[0].monitoringActionItems", equalTo(0));
    // the report carries the same flag, so its writer sees it beside the prevention measures
    given()
        .header("Authorization", viewer)
        .get("/v1/reports/{id}", second.id())
        .then()
        .statusCode(200)
        .body("detectionGap.lagSeconds", equalTo(2400))
        .body("detectionGap.reasons", contains("detection_lag", "found_by_customers"))
        .body("detectionGap.suggestedActionItem.title", containsString("Add monitoring for"));
    given()
        .header("Authorization", viewer)
        .get("/v1/reports/{id}", first.id())
        .then()
        .statusCode(200)
        .body("detectionGap", nullValue());
    // a tighter threshold flags the 2- and 5-minute detections too
    period()
        .queryParam("thresholdMinutes", 1)
        .get("/v1/metrics/detection-gaps")
        .then()
        .statusCode(200)
        .body("", hasSize(3))
        .body("find { it.incidentId == '" + third.id() + "' }.reasons", contains("detection_lag"));
    period()
        .queryParam("thresholdMinutes", -1)
        .get("/v1/metrics/detection-gaps")
        .then()
        .statusCode(400);
  }

  @Test
  void weakSpotsAreRankedAndListTheEarlierIncidentsActionItems() {
    String done = actionItem(first.id(), "Alert on cart-db connection saturation");
    given()
        .header("Authorization", reviewer)
        .contentType(ContentType.JSON)
        .body(Map.of("status", "done"))
        .patch("/v1/action-items/{id}", done)
        .then()
        .statusCode(200);
    String open = actionItem(first.id(), "Split the cart-db pool per tenant");

    period()
        .get("/v1/metrics/weak-spots")
        .then()
        .statusCode(200)
        .body("key", contains(cart, menu))
        .body("[0].incidents", equalTo(2))
        .body("[0].customerMinutes", equalTo(150))
        .body("[0].recurrences", equalTo(1))
        .body("[0].earlierIncidents.incidentId", contains(first.id().toString()))
        .body("[0].earlierIncidents[0].openActionItems.id", contains(open))
        .body("[0].earlierIncidents[0].closedActionItems.id", contains(done))
        .body("[1].customerMinutes", equalTo(600))
        .body("[1].earlierIncidents", hasSize(0));
    period()
        .queryParam("rankBy", "customer_minutes")
        .get("/v1/metrics/weak-spots")
        .then()
        .body("key", contains(menu, cart));
    period()
        .queryParam("rankBy", "recurrence")
        .get("/v1/metrics/weak-spots")
        .then()
        .body("key", contains(cart, menu));
    period()
        .queryParam("by", "component")
        .get("/v1/metrics/weak-spots")
        .then()
        .body("key", contains(component))
        .body("[0].recurrences", equalTo(1));
    period().queryParam("by", "team").get("/v1/metrics/weak-spots").then().statusCode(400);
    period().queryParam("rankBy", "pain").get("/v1/metrics/weak-spots").then().statusCode(400);
  }

  @Test
  void theDashboardShowsWhatTheDataTeaches() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .header("Authorization", viewer)
                    .get("/dashboard")
                    .then()
                    .statusCode(200)
                    .body(containsString("Availability per service"))
                    .body(containsString("Detection lagged or customers found it first"))
                    .body(containsString("Weak spots"))
                    .body(containsString("Time to detect by detection method")));
  }

  private String actionItem(UUID incidentId, String title) {
    return given()
        .header("Authorization", reviewer)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "title",
                title,
                "kind",
                "architecture",
                "horizon",
                "mid",
                "owner",
                "sam@example.com"))
        .post("/v1/reports/{id}/action-items", incidentId)
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private RequestSpecification period() {
    return given()
        .header("Authorization", viewer)
        .queryParam("from", day.toString())
        .queryParam("to", day.plus(1, ChronoUnit.DAYS).toString());
  }

  private Instant at(String hhmm) {
    return day.plus(Duration.parse("PT" + hhmm.replace(":", "H") + "M"));
  }
}
