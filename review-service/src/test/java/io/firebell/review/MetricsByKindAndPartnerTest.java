package io.firebell.review;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Fixtures;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.platform.testing.TestEventProducer;
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
 * groupBy=kind and groupBy=partner: the signal kind and partner come from detection-service's
 * declaration request of the incident's alert group; an incident declared by hand gets the kind its
 * detection method implies.
 */
@QuarkusTest
class MetricsByKindAndPartnerTest {

  @Inject ObjectMapper mapper;

  @Test
  void incidentsAreGroupedByTheKindAndPartnerOfTheSignalThatOpenedThem() throws Exception {
    // a day of its own in 2023, so earlier runs on the same database do not count
    Instant day =
        Instant.parse("2023-01-01T00:00:00Z")
            .plus(ThreadLocalRandom.current().nextInt(360), ChronoUnit.DAYS);
    UUID partnerGroup = UUID.randomUUID();
    UUID businessGroup = UUID.randomUUID();
    try (TestEventProducer producer = new TestEventProducer()) {
      request(producer, partnerGroup, "external_integration", "pg-kcp", day);
      request(producer, businessGroup, "business", null, day);
      declare(producer, partnerGroup, "external_integration", day.plusSeconds(600));
      declare(producer, businessGroup, "business_metric", day.plusSeconds(1200));
      declare(producer, null, "cs_inquiry", day.plusSeconds(1800));
    }
    String viewer = TestTokens.bearer("vic", "viewer");
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
                    .body("total.count", equalTo(3))
                    .body("groups.key", hasItems("pg-kcp", "none")));
    JsonPath byPartner =
        given()
            .header("Authorization", viewer)
            .queryParam("from", day.toString())
            .queryParam("to", day.plus(1, ChronoUnit.DAYS).toString())
            .queryParam("groupBy", "partner")
            .get("/v1/metrics/summary")
            .jsonPath();
    org.assertj.core.api.Assertions.assertThat(
            byPartner.getInt("groups.find { it.key == 'pg-kcp' }.count"))
        .isEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(
            byPartner.getInt("groups.find { it.key == 'none' }.count"))
        .isEqualTo(2);
    given()
        .header("Authorization", viewer)
        .queryParam("from", day.toString())
        .queryParam("to", day.plus(1, ChronoUnit.DAYS).toString())
        .queryParam("groupBy", "kind")
        .get("/v1/metrics/summary")
        .then()
        .statusCode(200)
        .body("groups", hasSize(3))
        .body("groups.key", hasItems("external_integration", "business", "cs_inquiry"))
        .body("groups.count", hasItems(1, 1, 1));
  }

  private void request(
      TestEventProducer producer, UUID group, String kind, String partner, Instant at)
      throws Exception {
    ObjectNode r = (ObjectNode) mapper.readTree(Fixtures.json(EventTypes.DECLARATION_REQUESTED));
    r.put("alertGroupId", group.toString());
    r.put("kind", kind);
    if (partner == null) {
      r.putNull("partner");
    } else {
      r.put("partner", partner);
    }
    r.put("requestedAt", at.toString());
    producer.send(
        EventTypes.DECLARATION_REQUESTED,
        UUID.randomUUID(),
        group.toString(),
        mapper.writeValueAsString(r));
  }

  private void declare(TestEventProducer producer, UUID group, String method, Instant declared)
      throws Exception {
    UUID id = UUID.randomUUID();
    IncidentDeclared e =
        new IncidentDeclared(
            id,
            "INC-" + id.toString().substring(0, 5),
            "Signal kinds",
            null,
            "SEV3",
            "investigating",
            List.of("checkout"),
            List.of("payment"),
            null,
            null,
            method,
            declared.minusSeconds(120),
            declared.minusSeconds(60),
            declared,
            "dana@firebell.test",
            group);
    producer.send(
        EventTypes.INCIDENT_DECLARED,
        UUID.randomUUID(),
        id.toString(),
        mapper.writeValueAsString(e));
  }
}
