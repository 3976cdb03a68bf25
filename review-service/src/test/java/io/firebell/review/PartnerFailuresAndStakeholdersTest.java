package io.firebell.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Failures are counted per partner, including a hand-declared partner report that names its partner
 * in the incident events; the report's affected stakeholders are the audiences that were reached.
 */
@QuarkusTest
class PartnerFailuresAndStakeholdersTest {

  @Inject ObjectMapper mapper;

  private final String viewer = TestTokens.bearer("vic", "viewer");

  @Test
  void aHandDeclaredPartnerReportCountsAsAFailureOfItsPartner() throws Exception {
    // a day of its own in 2021, so earlier runs on the same database do not count
    Instant day =
        Instant.parse("2021-01-01T00:00:00Z")
            .plus(ThreadLocalRandom.current().nextInt(360), ChronoUnit.DAYS);
    String partner = "pos-" + UUID.randomUUID().toString().substring(0, 6);
    String service = "orders-" + UUID.randomUUID().toString().substring(0, 6);
    TestIncidents.Incident first =
        TestIncidents.Incident.of("SEV3", List.of(service), "partner_report", day.plusSeconds(600));
    TestIncidents.Incident second =
        TestIncidents.Incident.of(
            "SEV3", List.of(service), "partner_report", day.plusSeconds(7200));
    TestIncidents.Incident unnamed =
        TestIncidents.Incident.of("SEV4", List.of(service), "system_alarm", day.plusSeconds(9000));
    try (TestIncidents incidents = new TestIncidents(mapper)) {
      incidents.declare(first, partner);
      incidents.declare(second, partner);
      // an event without the field (an older incident-service) is taken as it is
      incidents.declare(unnamed, null);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .header("Authorization", viewer)
                    .queryParam("from", day.toString())
                    .queryParam("to", day.plus(1, ChronoUnit.DAYS).toString())
                    .queryParam("groupBy", "partner")
                    .get("/v1/metrics/summary")
                    .then()
                    .statusCode(200)
                    .body("total.count", equalTo(3)));
    JsonPath byPartner =
        given()
            .header("Authorization", viewer)
            .queryParam("from", day.toString())
            .queryParam("to", day.plus(1, ChronoUnit.DAYS).toString())
            .queryParam("groupBy", "partner")
            .get("/v1/metrics/summary")
            .jsonPath();
    assertThat(byPartner.getInt("groups.find { it.key == '" + partner + "' }.count")).isEqualTo(2);
    assertThat(byPartner.getInt("groups.find { it.key == 'none' }.count")).isEqualTo(1);
    given()
        .header("Authorization", viewer)
        .get("/v1/incident-facts/{id}", first.id())
        .then()
        .statusCode(200)
        .body("partner", equalTo(partner));
  }

  @Test
  void theDashboardCountsFailuresPerPartnerNotPerService() throws Exception {
    String partner = "pg-" + UUID.randomUUID().toString().substring(0, 6);
    String service = "pay-" + UUID.randomUUID().toString().substring(0, 6);
    TestIncidents.Incident i =
        TestIncidents.Incident.of(
            "SEV2", List.of(service), "partner_report", Instant.now().minus(Duration.ofDays(2)));
    try (TestIncidents incidents = new TestIncidents(mapper)) {
      incidents.declare(i, partner);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              String page =
                  given()
                      .header("Authorization", viewer)
                      .get("/dashboard")
                      .then()
                      .statusCode(200)
                      .extract()
                      .asString();
              String partners =
                  page.substring(
                      page.indexOf("Failures by partner"),
                      page.indexOf("</section>", page.indexOf("Failures by partner")));
              assertThat(partners).contains(partner).doesNotContain(service);
            });
  }

  @Test
  void theReportsAffectedStakeholdersAreTheAudiencesReached() throws Exception {
    TestIncidents.Incident i =
        TestIncidents.Incident.of(
            "SEV2", List.of("checkout"), "system_alarm", Instant.now().minus(Duration.ofHours(3)));
    Instant t = i.detected();
    try (TestIncidents incidents = new TestIncidents(mapper)) {
      incidents.declare(i, null);
      incidents.delivered(i.id(), "announcement", "dev_org", t.plusSeconds(40));
      incidents.delivered(i.id(), "update", "customers", t.plusSeconds(300));
      incidents.delivered(i.id(), "update", "store_owners", t.plusSeconds(301));
      incidents.delivered(i.id(), "update", "customers", t.plusSeconds(900));
      incidents.resolve(i);
    }
    TestIncidents.awaitReport(i.id());
    // deliveries and the resolution come on two topics: whichever is first, the list is the same
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .header("Authorization", viewer)
                    .get("/v1/reports/{id}", i.id())
                    .then()
                    .statusCode(200)
                    .body(
                        "affectedStakeholders", contains("dev_org", "customers", "store_owners")));

    // reached after the draft: added while it is a draft; sharing the report is not a stakeholder
    try (TestIncidents incidents = new TestIncidents(mapper)) {
      incidents.delivered(i.id(), "update", "riders", t.plusSeconds(4000));
      incidents.delivered(i.id(), "report_share", "engineering", t.plusSeconds(5000));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .header("Authorization", viewer)
                    .get("/v1/reports/{id}", i.id())
                    .then()
                    .body("affectedStakeholders", hasItem("riders")));
    given()
        .header("Authorization", viewer)
        .get("/v1/reports/{id}", i.id())
        .then()
        .body("affectedStakeholders", not(hasItem("engineering")))
        .body("affectedStakeholders", contains("dev_org", "customers", "store_owners", "riders"));
    given()
        .header("Authorization", viewer)
        .accept("text/markdown")
        .get("/v1/reports/{id}", i.id())
        .then()
        .body(containsString("Affected: dev_org, customers, store_owners, riders"));
  }
}
