package io.firebell.broadcast.comms;

import static io.firebell.broadcast.comms.Comms.COMMUNICATOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.testing.TestEventProducer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The public status page, its Atom feed and the Statuspage-compatible JSON show an incident once it
 * has an update to an external audience, with the public texts only.
 */
@QuarkusTest
class StatusPageTest {

  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final String IMPACT =
      "Some customers cannot pay by card; orders with cash on delivery work.";

  @Inject AgroalDataSource db;

  @Test
  void anIncidentBecomesPublicWithItsFirstExternalUpdateAndShowsOnlyPublicTexts() throws Exception {
    String service = Comms.uniqueService();
    UUID id = UUID.randomUUID();
    String internalTitle = "payment-gw pod OOMKilled in node pool b (secret-title)";
    try (TestEventProducer producer = new TestEventProducer()) {
      var declared = Comms.declared(id, internalTitle, service);
      Comms.send(producer, declared, id);
      Comms.send(producer, Comms.role(id, "recovery_lead", "jihoon.recovery"), id);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "jihoon.recovery"
                    .equals(
                        Comms.string(
                            db, "select recovery_lead from incident where id = '" + id + "'")));

    // Internal-only updates keep it off the page.
    update(id, "investigating", "Card payments fail (internal note)", List.of("dev_org"))
        .then()
        .statusCode(201);
    assertThat(page().asString()).doesNotContain(id.toString());
    assertThat(summary().getList("incidents.id")).doesNotContain(id.toString());

    update(id, "identified", IMPACT, List.of("customers", "dev_org")).then().statusCode(201);

    Response html = page();
    html.then()
        .statusCode(200)
        .contentType(ContentType.HTML)
        .header("Cache-Control", "public, max-age=30");
    String body = html.asString();
    assertThat(body)
        .contains("incident-" + id)
        .contains(IMPACT)
        .contains("Refunds for failed card payments within 3 days")
        .contains(service)
        .doesNotContain("secret-title")
        .doesNotContain("war-room")
        .doesNotContain("jihoon")
        .doesNotContain("hana")
        .doesNotContain("internal note");

    JsonPath summary = summary();
    assertThat(summary.getString("page.name")).isNotBlank();
    assertThat(summary.getString("components.find { it.name == '" + service + "' }.status"))
        .isEqualTo("partial_outage");
    assertThat(summary.getString("incidents.find { it.id == '" + id + "' }.status"))
        .isEqualTo("identified");
    assertThat(summary.getString("incidents.find { it.id == '" + id + "' }.impact"))
        .isEqualTo("major");
    assertThat(summary.getString("incidents.find { it.id == '" + id + "' }.name"))
        .isEqualTo("Some customers cannot pay by card; orders with cash on delivery work.");
    assertThat(summary.getList("incidents.find { it.id == '" + id + "' }.incident_updates"))
        .hasSize(1);
    assertThat(summary.getString("status.indicator")).isIn("major", "critical");
    assertThat(summary.getString("scheduled_maintenances")).isEqualTo("[]");

    update(id, "monitoring", "Card payments work again; we are watching.", List.of("customers"))
        .then()
        .statusCode(201);
    assertThat(summary().getString("components.find { it.name == '" + service + "' }.status"))
        .isEqualTo("degraded_performance");

    Response incidentsJson =
        given().get("/api/v2/incidents.json").then().statusCode(200).extract().response();
    assertThat(incidentsJson.header("Cache-Control")).isEqualTo("public, max-age=30");
    JsonPath incidents = incidentsJson.jsonPath();
    String prefix = "incidents.find { it.id == '" + id + "' }";
    assertThat(incidents.getString(prefix + ".status")).isEqualTo("monitoring");
    assertThat(incidents.getList(prefix + ".incident_updates.status"))
        .containsExactly("monitoring", "identified");
    assertThat(incidents.getString(prefix + ".incident_updates[1].body"))
        .contains(IMPACT)
        .contains("Refunds for failed card payments within 3 days")
        .doesNotContain("secret-title");
    assertThat(incidents.getString(prefix + ".monitoring_at")).isNotNull();
    assertThat(incidentsJson.asString()).doesNotContain("internal note").doesNotContain("war-room");

    Response atom = given().get("/status/feed.atom").then().statusCode(200).extract().response();
    assertThat(atom.contentType()).startsWith("application/atom+xml");
    assertThat(atom.header("Cache-Control")).isEqualTo("public, max-age=30");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document feed =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(atom.asString().getBytes(StandardCharsets.UTF_8)));
    Element root = feed.getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("feed");
    assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
    for (String required : List.of("id", "title", "updated", "author")) {
      assertThat(root.getElementsByTagNameNS(ATOM, required).getLength())
          .as("feed has %s", required)
          .isPositive();
    }
    NodeList entries = root.getElementsByTagNameNS(ATOM, "entry");
    int mine = 0;
    for (int i = 0; i < entries.getLength(); i++) {
      Element entry = (Element) entries.item(i);
      String link =
          ((Element) entry.getElementsByTagNameNS(ATOM, "link").item(0)).getAttribute("href");
      if (!link.endsWith("#incident-" + id)) {
        continue;
      }
      mine++;
      assertThat(entry.getElementsByTagNameNS(ATOM, "id").item(0).getTextContent())
          .startsWith("urn:uuid:");
      Instant.parse(entry.getElementsByTagNameNS(ATOM, "updated").item(0).getTextContent());
      assertThat(entry.getElementsByTagNameNS(ATOM, "title").item(0).getTextContent())
          .doesNotContain("secret-title");
    }
    assertThat(mine).isEqualTo(2);

    update(id, "resolved", "Card payments work normally again.", List.of("customers"))
        .then()
        .statusCode(201);
    assertThat(summary().getString("components.find { it.name == '" + service + "' }.status"))
        .isEqualTo("operational");
    assertThat(summary().getList("incidents.id")).doesNotContain(id.toString());
    JsonPath after = given().get("/api/v2/incidents.json").jsonPath();
    assertThat(after.getString(prefix + ".status")).isEqualTo("resolved");
    assertThat(after.getString(prefix + ".resolved_at")).isNotNull();
    assertThat(page().asString()).contains("Recently resolved").contains("incident-" + id);
  }

  @Test
  void thePublicPagesNeedNoToken() {
    for (String path :
        List.of("/status", "/status/feed.atom", "/api/v2/summary.json", "/api/v2/incidents.json")) {
      given().get(path).then().statusCode(200).header("Cache-Control", "public, max-age=30");
    }
  }

  static Response update(UUID id, String status, String impact, List<String> audiences) {
    return given()
        .header("Authorization", COMMUNICATOR)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "status", status,
                "impact", impact,
                "expectedRecoveryAt", Instant.now().plusSeconds(1800).toString(),
                "followUpActions", List.of("Refunds for failed card payments within 3 days"),
                "audiences", audiences))
        .post("/v1/incidents/{id}/updates", id);
  }

  private static Response page() {
    return given().get("/status").then().extract().response();
  }

  private static JsonPath summary() {
    return given().get("/api/v2/summary.json").then().statusCode(200).extract().jsonPath();
  }
}
