package io.firebell.broadcast.comms;

import static io.firebell.broadcast.comms.Comms.COMMUNICATOR;
import static io.firebell.broadcast.comms.Comms.VIEWER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.firebell.client.Receiver;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.TestEventProducer;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Structured updates: the three-item rule for external audiences, the recovery lead's refusal,
 * rendering in two registers, jargon findings, update.published and the deliveries.
 */
@QuarkusTest
class UpdatesTest {

  @Inject AgroalDataSource db;

  /**
   * An incident known to broadcast-service, with jihoon as recovery lead and hana communicating.
   */
  private UUID incident(String service) throws Exception {
    UUID id = UUID.randomUUID();
    try (TestEventProducer producer = new TestEventProducer()) {
      Comms.send(producer, Comms.declared(id, "Order API 5xx after deploy", service), id);
      Comms.send(producer, Comms.role(id, "recovery_lead", "jihoon"), id);
      Comms.send(producer, Comms.role(id, "communications_lead", "hana"), id);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "hana"
                    .equals(
                        Comms.string(
                            db,
                            "select communications_lead from incident where id = '" + id + "'")));
    return id;
  }

  private static io.restassured.response.Response post(
      String authorization, UUID incidentId, String path, Map<String, Object> body) {
    return given()
        .header("Authorization", authorization)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/incidents/{id}/updates" + path, incidentId);
  }

  private static Map<String, Object> complete(List<String> audiences) {
    return Map.of(
        "status",
        "identified",
        "impact",
        "Some customers cannot place orders; the app may show an error when paying. Orders"
            + " already placed are not affected.",
        "expectedRecoveryAt",
        Instant.now().plus(40, ChronoUnit.MINUTES).toString(),
        "followUpActions",
        List.of(
            "Payments for failed orders are cancelled automatically within 3 days",
            "Affected customers receive a 3,000 won coupon"),
        "audiences",
        audiences);
  }

  @Test
  void anExternalUpdateWithoutTheThreeItemsIsRefusedAndNothingIsKept() throws Exception {
    String service = Comms.uniqueService();
    try (Receiver customers = new Receiver();
        TopicReader broadcasts = new TopicReader(Topics.BROADCASTS)) {
      Comms.subscribe("customers", Comms.endpoint("webhook", customers.url("/hook")), service);
      UUID id = incident(service);

      post(
              COMMUNICATOR,
              id,
              "",
              Map.of(
                  "impact",
                  "Ordering is slow for some customers",
                  "audiences",
                  List.of("customers")))
          .then()
          .statusCode(422)
          .contentType("application/problem+json")
          .body("errors.field", contains("status", "expectedRecovery", "followUpActions"))
          .body("detail", containsString("customers"))
          .body("detail", containsString("missing: status, expectedRecovery, followUpActions"));

      // Unknown recovery needs the time of the next update; a status and a follow-up alone are not
      // enough.
      post(
              COMMUNICATOR,
              id,
              "",
              Map.of(
                  "status",
                  "investigating",
                  "impact",
                  "Ordering is slow for some customers",
                  "recoveryUnknown",
                  true,
                  "followUpActions",
                  List.of("Failed payments are refunded"),
                  "audiences",
                  List.of("dev_org", "customers")))
          .then()
          .statusCode(422)
          .body("errors.field", contains("expectedRecovery"));

      post(
              COMMUNICATOR,
              id,
              "",
              Map.of(
                  "status",
                  "investigating",
                  "impact",
                  "Ordering is slow for some customers",
                  "expectedRecoveryAt",
                  Instant.now().plusSeconds(600).toString(),
                  "audiences",
                  List.of("store_owners")))
          .then()
          .statusCode(422)
          .body("errors.field", contains("followUpActions"));

      given()
          .header("Authorization", VIEWER)
          .get("/v1/incidents/{id}/updates", id)
          .then()
          .statusCode(200)
          .body("kind", contains("announcement"));
      assertThat(
              Comms.count(
                  db, "select count(*) from stakeholder_update where incident_id = '" + id + "'"))
          .isZero();
      assertThat(
              broadcasts.drain(Duration.ofSeconds(3)).stream()
                  .filter(r -> id.toString().equals(r.key()))
                  .toList())
          .as("no update.published")
          .isEmpty();
      assertThat(customers.received()).isEmpty();

      // An internal-only update needs only its status.
      post(
              COMMUNICATOR,
              id,
              "",
              Map.of(
                  "status",
                  "investigating",
                  "impact",
                  "Looking into it",
                  "audiences",
                  List.of("dev_org")))
          .then()
          .statusCode(201)
          .body("audiences", contains("dev_org"));
    }
  }

  @Test
  void theRecoveryLeadMayNotPostUpdates() throws Exception {
    UUID id = incident(Comms.uniqueService());
    post(TestTokens.bearer("jihoon", "communicator"), id, "", complete(List.of("customers")))
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("recovery lead"))
        .body("detail", containsString("hana"));
    // Decided before the update is read: refused for who sends it, whatever it says (issue 19).
    for (String invalid : List.of("{}", "{", "{\"status\":\"nonsense\"}")) {
      given()
          .header("Authorization", TestTokens.bearer("jihoon", "communicator"))
          .contentType(ContentType.JSON)
          .body(invalid)
          .post("/v1/incidents/{id}/updates", id)
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
    }
    // Even an admin who is the recovery lead: the separation is about the person, not the role.
    post(TestTokens.bearer("jihoon", "admin"), id, "", complete(List.of("dev_org")))
        .then()
        .statusCode(403);
    assertThat(
            Comms.count(
                db, "select count(*) from stakeholder_update where incident_id = '" + id + "'"))
        .isZero();
    // Once someone else leads recovery, jihoon may communicate.
    Comms.send(Comms.role(id, "recovery_lead", "minsu"), id);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "minsu"
                    .equals(
                        Comms.string(
                            db, "select recovery_lead from incident where id = '" + id + "'")));
    post(TestTokens.bearer("jihoon", "communicator"), id, "", complete(List.of("dev_org")))
        .then()
        .statusCode(201)
        .body("author", equalTo("jihoon@firebell.test"));
  }

  @Test
  void anUpdateIsRenderedPerRegisterPublishedAndDelivered() throws Exception {
    String service = Comms.uniqueService();
    try (Receiver customers = new Receiver();
        Receiver devOrg = new Receiver();
        Receiver storeOwners = new Receiver();
        TopicReader broadcasts = new TopicReader(Topics.BROADCASTS)) {
      Comms.subscribe("customers", Comms.endpoint("webhook", customers.url("/hook")), service);
      Comms.subscribe("dev_org", Comms.endpoint("slack", devOrg.url("/slack")), service);
      Comms.subscribe("store_owners", Comms.endpoint("teams", storeOwners.url("/teams")), service);
      UUID id = incident(service);
      await().atMost(Duration.ofSeconds(30)).until(() -> devOrg.received().size() == 1);

      JsonPath created =
          post(COMMUNICATOR, id, "", complete(List.of("customers", "store_owners", "dev_org")))
              .then()
              .statusCode(201)
              .body("status", equalTo("identified"))
              .body("audiences", contains("customers", "store_owners", "dev_org"))
              .body("author", equalTo("hana@firebell.test"))
              .body("recipients", equalTo(3))
              .body("texts.audience", contains("customers", "store_owners", "dev_org"))
              .body("texts.register", contains("service", "service", "engineering"))
              .body("findings", empty())
              .extract()
              .jsonPath();
      String updateId = created.getString("id");
      String serviceText = created.getString("texts[0].text");
      String engineeringText = created.getString("texts[2].text");

      // Service language, in the customers' own words (their audience template): orders and
      // payments, no system names, no severity, no war room.
      assertThat(serviceText)
          .startsWith("Dear customer,")
          .contains("We have found what is wrong and are fixing it.")
          .contains("Some customers cannot place orders")
          .contains("We expect ordering to work normally again by")
          .contains("- Affected customers receive a 3,000 won coupon")
          .doesNotContain(service)
          .doesNotContain("SEV2")
          .doesNotContain("war-room")
          .doesNotContain("INC-");
      given()
          .header("Authorization", COMMUNICATOR)
          .contentType(ContentType.JSON)
          .body(
              Map.of(
                  "impact",
                  serviceText,
                  "status",
                  "identified",
                  "audiences",
                  List.of("customers"),
                  "expectedRecoveryAt",
                  Instant.now().plusSeconds(60).toString(),
                  "followUpActions",
                  List.of("none")))
          .post("/v1/incidents/{id}/updates/preview", id)
          .then()
          .statusCode(200)
          .body("findings", empty());
      // Engineering language: the reference, the grade, the service and the war room.
      assertThat(engineeringText)
          .startsWith("INC-T-" + id.toString().substring(0, 6) + " (SEV2): Identified")
          .contains("Services: " + service)
          .contains("War room: https://chat.example/war-room-");

      List<ConsumerRecord<String, byte[]>> published =
          broadcasts.await(
              r ->
                  id.toString().equals(r.key())
                      && TopicReader.ofType(EventTypes.UPDATE_PUBLISHED.name()).test(r),
              1,
              Duration.ofSeconds(30));
      assertThat(published).hasSize(1);
      JsonNode event = Comms.JSON.readTree(published.get(0).value());
      assertThat(event.path("updateId").asText()).isEqualTo(updateId);
      assertThat(event.path("status").asText()).isEqualTo("identified");
      assertThat(event.path("audiences")).hasSize(3);
      assertThat(event.path("followUpActions")).hasSize(2);
      assertThat(event.path("author").asText()).isEqualTo("hana@firebell.test");

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  customers.received().size() == 1
                      && storeOwners.received().size() == 1
                      && devOrg.received().size() == 2);
      JsonNode webhook = Comms.json(customers.received().get(0).body());
      assertThat(webhook.path("type").asText()).isEqualTo("update");
      assertThat(webhook.path("audience").asText()).isEqualTo("customers");
      assertThat(webhook.path("id").asText()).isEqualTo(updateId);
      assertThat(webhook.path("reference").asText()).startsWith("INC-T-");
      assertThat(webhook.path("status").asText()).isEqualTo("identified");
      assertThat(webhook.path("expectedRecoveryAt").asText()).endsWith("Z");
      assertThat(webhook.path("followUpActions").get(1).asText())
          .isEqualTo("Affected customers receive a 3,000 won coupon");
      assertThat(webhook.path("text").asText()).isEqualTo(serviceText);
      assertThat(webhook.path("statusPageUrl").asText()).endsWith("/status");

      JsonNode teams = Comms.json(storeOwners.received().get(0).body());
      assertThat(teams.path("type").asText()).isEqualTo("message");
      JsonNode card = teams.path("attachments").get(0);
      assertThat(card.path("contentType").asText())
          .isEqualTo("application/vnd.microsoft.card.adaptive");
      assertThat(card.path("content").path("type").asText()).isEqualTo("AdaptiveCard");
      assertThat(card.path("content").path("body").get(1).path("text").asText())
          .contains("Some customers cannot place orders");

      JsonNode slack = Comms.json(devOrg.received().get(1).body());
      assertThat(slack.path("blocks").get(0).path("text").path("text").asText())
          .contains("Identified");
      assertThat(slack.path("blocks").get(1).path("text").path("text").asText()).contains(service);

      given()
          .header("Authorization", VIEWER)
          .get("/v1/incidents/{id}/updates", id)
          .then()
          .statusCode(200)
          .body("kind", contains("announcement", "update"))
          .body("[1].id", equalTo(updateId))
          .body("[1].texts.customers", equalTo(serviceText))
          .body("[1].followUpActions", hasSize(2));
    }
  }

  @Test
  void jsonIsEscapedInEveryChannel() throws Exception {
    String service = Comms.uniqueService();
    try (Receiver slack = new Receiver();
        Receiver webhook = new Receiver()) {
      Comms.subscribe("customers", Comms.endpoint("slack", slack.url("/s")), service);
      Comms.subscribe("riders", Comms.endpoint("webhook", webhook.url("/w")), service);
      UUID id = incident(service);
      String tricky = "Orders \"stuck\" <b>& waiting</b>\\ back\nslash \u2603 주문";
      post(
              COMMUNICATOR,
              id,
              "",
              Map.of(
                  "status",
                  "investigating",
                  "impact",
                  tricky,
                  "recoveryUnknown",
                  true,
                  "nextUpdateAt",
                  Instant.now().plusSeconds(1800).toString(),
                  "followUpActions",
                  List.of("Refunds \"automatically\""),
                  "audiences",
                  List.of("customers", "riders")))
          .then()
          .statusCode(201);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> slack.received().size() == 1 && webhook.received().size() == 1);
      JsonNode w = Comms.json(webhook.received().get(0).body());
      assertThat(w.path("impact").asText()).isEqualTo(tricky);
      // the riders' own words for "recovery unknown, next update at …"
      assertThat(w.path("text").asText()).contains(tricky).contains("Next news by");
      assertThat(w.path("expectedRecoveryAt").isNull()).isTrue();
      JsonNode s = Comms.json(slack.received().get(0).body());
      assertThat(s.path("blocks").get(1).path("text").path("text").asText())
          .contains("Orders \"stuck\" &lt;b&gt;&amp; waiting&lt;/b&gt;\\ back");
    }
  }

  @Test
  void previewShowsJargonFindingsAndKeepsNothing() throws Exception {
    UUID id = incident(Comms.uniqueService());
    given()
        .header("Authorization", COMMUNICATOR)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "status", "identified",
                "impact",
                    "High latency on the order API; we scale-out the pods. Timeouts on Payment.",
                "audiences", List.of("customers", "dev_org")))
        .post("/v1/incidents/{id}/updates/preview", id)
        .then()
        .statusCode(200)
        .body("texts.audience", contains("customers", "dev_org"))
        .body("missing", contains("expectedRecovery", "followUpActions"))
        .body("findings.term", containsInAnyOrder("latency", "API", "scale out", "pod", "timeout"))
        .body("findings.audience", not(hasItem("dev_org")))
        .body("findings.find { it.term == 'scale out' }.found", equalTo("scale-out"))
        .body("findings.find { it.term == 'pod' }.found", equalTo("pods"))
        .body("findings.find { it.term == 'latency' }.suggestion", containsString("slow"));
    JsonPath preview =
        given()
            .header("Authorization", COMMUNICATOR)
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "status", "identified",
                    "impact", "High latency",
                    "audiences", List.of("customers")))
            .post("/v1/incidents/{id}/updates/preview", id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    String text = preview.getString("texts[0].text");
    int position = preview.getInt("findings[0].position");
    assertThat(text.substring(position, position + "latency".length())).isEqualTo("latency");
    // "Podcast" and "nodeless" are words of their own, not system terms.
    given()
        .header("Authorization", COMMUNICATOR)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "status",
                "identified",
                "impact",
                "Podcast nodeless",
                "audiences",
                List.of("customers")))
        .post("/v1/incidents/{id}/updates/preview", id)
        .then()
        .statusCode(200)
        .body("findings", empty());

    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/updates", id)
        .then()
        .statusCode(200)
        .body("kind", contains("announcement"));
    // Under the default policy (warn) findings do not block: they come back with the update.
    post(
            COMMUNICATOR,
            id,
            "",
            Map.of(
                "status", "identified",
                "impact", "Orders time out: the DB is slow",
                "expectedRecoveryAt", Instant.now().plusSeconds(900).toString(),
                "followUpActions", List.of("Refunds"),
                "audiences", List.of("customers")))
        .then()
        .statusCode(201)
        .body("findings.term", contains("DB"));
  }

  @Test
  void unknownIncidentsAndAudiencesAreRefused() throws Exception {
    post(COMMUNICATOR, UUID.randomUUID(), "", complete(List.of("customers")))
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    UUID id = incident(Comms.uniqueService());
    post(COMMUNICATOR, id, "", complete(List.of("customers", "martians")))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", containsString("martians"));
    post(COMMUNICATOR, id, "/preview", complete(List.of("martians"))).then().statusCode(422);
    assertThat(
            Comms.count(
                db, "select count(*) from stakeholder_update where incident_id = '" + id + "'"))
        .isZero();
  }
}
