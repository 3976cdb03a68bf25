package io.firebell.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A stop-gap action item is linked to the root-cause fix that must follow it, and stays listed
 * (API, dashboard, gauge) until that fix is done.
 */
@QuarkusTest
class StopGapTest {

  @Inject ObjectMapper mapper;

  private final String reviewer = TestTokens.bearer("rita", "reviewer");
  private final String viewer = TestTokens.bearer("vic", "viewer");

  @Test
  void aStopGapIsListedUntilItsRootFixIsDone() throws Exception {
    TestIncidents.Incident i =
        TestIncidents.Incident.of(
            "SEV2", List.of("search"), "system_alarm", Instant.now().minus(Duration.ofHours(6)));
    try (TestIncidents incidents = new TestIncidents(mapper)) {
      incidents.happened(i);
    }
    TestIncidents.awaitReport(i.id());
    String run = UUID.randomUUID().toString().substring(0, 6);

    String rootFix =
        create(i.id(), "Bound the search index rebuild " + run, null, null)
            .statusCode(201)
            .body("stopGap", equalTo(false))
            .extract()
            .path("id");
    String linked =
        create(i.id(), "Rate-limit index rebuilds " + run, null, rootFix)
            .statusCode(201)
            .body("stopGap", equalTo(true))
            .body("rootFixId", equalTo(rootFix))
            .extract()
            .path("id");
    String orphan =
        create(i.id(), "Restart search nightly " + run, true, null)
            .statusCode(201)
            .body("stopGap", equalTo(true))
            .body("rootFixId", nullValue())
            .extract()
            .path("id");

    // a root fix is an existing action item that is not a stop-gap, and not the stop-gap itself
    create(i.id(), "Bad link", null, UUID.randomUUID().toString())
        .statusCode(400)
        .body("detail", containsString("rootFixId"));
    create(i.id(), "Chained stop-gap", null, linked)
        .statusCode(400)
        .body("detail", containsString("names a stop-gap"));
    patch(orphan, Map.of("rootFixId", orphan)).statusCode(400);
    patch(orphan, Map.of("stopGap", false, "rootFixId", rootFix)).statusCode(400);

    pending()
        .body("stopGap.id", hasItem(linked))
        .body("stopGap.id", hasItem(orphan))
        .body("stopGap.id", not(hasItem(rootFix)))
        .body("find { it.stopGap.id == '" + linked + "' }.rootFix.id", equalTo(rootFix))
        .body("find { it.stopGap.id == '" + linked + "' }.rootFixDone", equalTo(false))
        .body("find { it.stopGap.id == '" + orphan + "' }.rootFix", nullValue());
    String page =
        given().header("Authorization", viewer).get("/dashboard").then().extract().asString();
    assertThat(section(page)).contains("Rate-limit index rebuilds " + run).contains("none yet");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(TwoTierReviewTest.gauge("firebell_review_stop_gaps_pending"))
                    .isGreaterThanOrEqualTo(2));

    // the root fix is done: the stop-gap leaves the list; the orphan gets a root fix and stays
    patch(rootFix, Map.of("status", "done")).statusCode(200);
    patch(orphan, Map.of("rootFixId", rootFix)).statusCode(200).body("rootFixId", equalTo(rootFix));
    String other =
        create(i.id(), "Move search to its own cluster " + run, null, null)
            .statusCode(201)
            .extract()
            .path("id");
    patch(orphan, Map.of("rootFixId", other)).statusCode(200);
    pending()
        .body("stopGap.id", not(hasItem(linked)))
        .body("find { it.stopGap.id == '" + orphan + "' }.rootFix.status", equalTo("open"));
    given()
        .header("Authorization", viewer)
        .queryParam("pending", false)
        .get("/v1/action-items/stop-gaps")
        .then()
        .statusCode(200)
        .body("find { it.stopGap.id == '" + linked + "' }.rootFixDone", equalTo(true));
    page = given().header("Authorization", viewer).get("/dashboard").then().extract().asString();
    assertThat(section(page))
        .doesNotContain("Rate-limit index rebuilds " + run)
        .contains("Restart search nightly " + run);

    // unmarking drops the link
    patch(orphan, Map.of("stopGap", false))
        .statusCode(200)
        .body("stopGap", equalTo(false))
        .body("rootFixId", nullValue());
    pending().body("stopGap.id", not(hasItem(orphan)));
  }

  private ValidatableResponse create(
      UUID incidentId, String title, Boolean stopGap, String rootFix) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", title);
    body.put("kind", "config");
    body.put("horizon", "short");
    body.put("owner", "sam@example.com");
    if (stopGap != null) {
      body.put("stopGap", stopGap);
    }
    if (rootFix != null) {
      body.put("rootFixId", rootFix);
    }
    return given()
        .header("Authorization", reviewer)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/reports/{id}/action-items", incidentId)
        .then();
  }

  private ValidatableResponse patch(String id, Map<String, Object> body) {
    return given()
        .header("Authorization", reviewer)
        .contentType(ContentType.JSON)
        .body(body)
        .patch("/v1/action-items/{id}", id)
        .then();
  }

  private ValidatableResponse pending() {
    return given()
        .header("Authorization", viewer)
        .queryParam("limit", 1000)
        .get("/v1/action-items/stop-gaps")
        .then()
        .statusCode(200);
  }

  private static String section(String page) {
    int start = page.indexOf("Stop-gaps waiting for their root fix");
    return page.substring(start, page.indexOf("</section>", start));
  }
}
