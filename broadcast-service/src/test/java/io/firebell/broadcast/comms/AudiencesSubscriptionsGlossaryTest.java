package io.firebell.broadcast.comms;

import static io.firebell.broadcast.comms.Comms.ADMIN;
import static io.firebell.broadcast.comms.Comms.COMMUNICATOR;
import static io.firebell.broadcast.comms.Comms.VIEWER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.firebell.client.Receiver;
import io.firebell.platform.testing.TestEventProducer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AudiencesSubscriptionsGlossaryTest {

  @Test
  void theSeededAudiencesAreThereAndAdminsAddTheirOwn() {
    given()
        .header("Authorization", VIEWER)
        .get("/v1/audiences")
        .then()
        .statusCode(200)
        .body(
            "findAll { it.scope == 'internal' }.key",
            hasItems("dev_org", "cs", "communications", "business", "leadership"))
        .body(
            "findAll { it.scope == 'external' }.key",
            hasItems(
                "store_owners",
                "riders",
                "customers",
                "pos_vendors",
                "delivery_agencies",
                "franchises",
                "payment_gateways"))
        .body("find { it.key == 'dev_org' }.register", equalTo("engineering"))
        .body("find { it.key == 'customers' }.register", equalTo("service"));

    String key = "kiosk_" + UUID.randomUUID().toString().substring(0, 6);
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "key", key,
                "name", "Kiosk operators",
                "scope", "external",
                "register", "service",
                "description", "Self-order kiosks in stores"))
        .post("/v1/audiences")
        .then()
        .statusCode(201)
        .header("Location", org.hamcrest.Matchers.endsWith("/v1/audiences/" + key))
        .body("scope", equalTo("external"));
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "Kiosk vendors", "scope", "external", "register", "engineering"))
        .put("/v1/audiences/" + key)
        .then()
        .statusCode(200)
        .body("name", equalTo("Kiosk vendors"))
        .body("register", equalTo("engineering"));
    given().header("Authorization", ADMIN).delete("/v1/audiences/" + key).then().statusCode(204);
    given().header("Authorization", VIEWER).get("/v1/audiences/" + key).then().statusCode(404);
  }

  @Test
  void subscriptionsFilterByDomainServiceAndSeverity() throws Exception {
    String service = Comms.uniqueService();
    try (Receiver any = new Receiver();
        Receiver sev1Only = new Receiver();
        Receiver paymentDomain = new Receiver()) {
      UUID anyEndpoint = Comms.endpoint("webhook", any.url("/a"));
      Comms.subscribe("dev_org", anyEndpoint, service);
      UUID sev1Endpoint = Comms.endpoint("webhook", sev1Only.url("/b"));
      String sev1 =
          given()
              .header("Authorization", ADMIN)
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "audience",
                      "dev_org",
                      "endpointId",
                      sev1Endpoint.toString(),
                      "services",
                      List.of(service),
                      "minSeverity",
                      "SEV1"))
              .post("/v1/subscriptions")
              .then()
              .statusCode(201)
              .body("minSeverity", equalTo("SEV1"))
              .extract()
              .path("id");
      given()
          .header("Authorization", ADMIN)
          .contentType(ContentType.JSON)
          .body(
              Map.of(
                  "audience", "dev_org",
                  "endpointId", Comms.endpoint("webhook", paymentDomain.url("/c")).toString(),
                  "services", List.of(service),
                  "domains", List.of("payment")))
          .post("/v1/subscriptions")
          .then()
          .statusCode(201);
      // The same endpoint twice for one audience is a conflict.
      given()
          .header("Authorization", ADMIN)
          .contentType(ContentType.JSON)
          .body(Map.of("audience", "dev_org", "endpointId", anyEndpoint.toString()))
          .post("/v1/subscriptions")
          .then()
          .statusCode(409);
      given()
          .header("Authorization", VIEWER)
          .queryParam("endpointId", sev1Endpoint.toString())
          .get("/v1/subscriptions")
          .then()
          .statusCode(200)
          .body("id", contains(sev1));

      UUID incident = UUID.randomUUID();
      try (TestEventProducer producer = new TestEventProducer()) {
        Comms.send(
            producer, Comms.declared(incident, "SEV2 in the order domain", service), incident);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> !any.received().isEmpty());
      Thread.sleep(1500);
      assertThat(any.received()).hasSize(1);
      assertThat(sev1Only.received()).as("SEV2 is below the SEV1 minimum").isEmpty();
      assertThat(paymentDomain.received()).as("the order domain is not payment").isEmpty();

      given()
          .header("Authorization", ADMIN)
          .delete("/v1/subscriptions/" + sev1)
          .then()
          .statusCode(204);
      given()
          .header("Authorization", VIEWER)
          .get("/v1/subscriptions/" + sev1)
          .then()
          .statusCode(404);
    }
  }

  @Test
  void theGlossaryIsSeededAndAdminsKeepIt() throws Exception {
    given()
        .header("Authorization", VIEWER)
        .get("/v1/glossary")
        .then()
        .statusCode(200)
        .body(
            "term",
            hasItems(
                "latency",
                "scale out",
                "5xx",
                "pod",
                "node",
                "DB",
                "deploy",
                "rollback",
                "timeout",
                "API",
                "cache",
                "server",
                "error rate"));
    String term = "shard" + UUID.randomUUID().toString().substring(0, 4);
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("term", term, "suggestion", "part of our systems"))
        .post("/v1/glossary")
        .then()
        .statusCode(201)
        .body("term", equalTo(term));
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("suggestion", "a part of the service"))
        .put("/v1/glossary/" + term.toUpperCase())
        .then()
        .statusCode(200)
        .body("suggestion", equalTo("a part of the service"));

    UUID incident = UUID.randomUUID();
    Comms.send(Comms.declared(incident, "Glossary probe", Comms.uniqueService()), incident);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                given()
                        .header("Authorization", VIEWER)
                        .get("/v1/incidents/{id}/updates", incident)
                        .statusCode()
                    == 200);
    Map<String, Object> draft =
        Map.of(
            "status",
            "investigating",
            "impact",
            "One " + term + " is down",
            "recoveryUnknown",
            true,
            "nextUpdateAt",
            Instant.now().plusSeconds(900).toString(),
            "followUpActions",
            List.of("Refunds"),
            "audiences",
            List.of("riders"));
    given()
        .header("Authorization", COMMUNICATOR)
        .contentType(ContentType.JSON)
        .body(draft)
        .post("/v1/incidents/{id}/updates/preview", incident)
        .then()
        .statusCode(200)
        .body("findings.term", contains(term))
        .body("findings[0].suggestion", equalTo("a part of the service"))
        .body("missing", org.hamcrest.Matchers.empty());
    given().header("Authorization", ADMIN).delete("/v1/glossary/" + term).then().statusCode(204);
    given()
        .header("Authorization", VIEWER)
        .get("/v1/glossary")
        .then()
        .body("term", not(hasItem(term)));
    given()
        .header("Authorization", COMMUNICATOR)
        .contentType(ContentType.JSON)
        .body(draft)
        .post("/v1/incidents/{id}/updates/preview", incident)
        .then()
        .statusCode(200)
        .body("findings", org.hamcrest.Matchers.empty());
  }
}
