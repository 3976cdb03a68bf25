package io.firebell.incident;

import static io.firebell.incident.Api.ADMIN;
import static io.firebell.incident.Api.RESPONDER;
import static io.firebell.incident.Api.VIEWER;
import static io.firebell.incident.Api.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChangesTest {

  @Inject AgroalDataSource db;

  @Test
  void rollbackCandidatesAreTheChangesOfTheLast24HoursToTheServiceItsDependenciesAndTheInfra() {
    String s = "c" + System.nanoTime();
    String order = s + "-order-api";
    String payment = s + "-payment-api";
    String paymentDb = s + "-payment-db";
    String other = s + "-search-api";
    catalog(
        order,
        "{\"domain\":\"order\",\"owners\":[\"order-team\"],\"dependencies\":[\""
            + payment
            + "\"]}");
    catalog(
        payment,
        "{\"domain\":\"payment\",\"owners\":[\"pay-team\"],\"dependencies\":[\""
            + paymentDb
            + "\"]}");
    catalog(other, "{\"domain\":\"search\",\"owners\":[\"search-team\"],\"dependencies\":[]}");

    Instant t = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    String incident =
        given()
            .header("Authorization", RESPONDER)
            .contentType(ContentType.JSON)
            .body(
                "{\"title\":\"Orders fail\",\"service\":\""
                    + order
                    + "\",\"occurredAt\":\""
                    + t
                    + "\",\"detectedAt\":\""
                    + t.plusSeconds(300)
                    + "\"}")
            .post("/v1/incidents")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    String deploy = change("deploy", order, "order-api 2.41.0", t.minus(Duration.ofHours(1)));
    String schema =
        change("schema_migration", order, "add coupon column", t.minus(Duration.ofHours(2)));
    String infra = change("infra", null, "NAT gateway replaced", t.minus(Duration.ofHours(3)));
    String db =
        change("config", paymentDb, "max_connections 200 → 100", t.minus(Duration.ofHours(5)));
    String config23 =
        change("config", payment, "PG timeout 3 s → 1 s", t.minus(Duration.ofHours(23)));
    String config25 = change("config", payment, "old config", t.minus(Duration.ofHours(25)));
    String unrelated = change("deploy", other, "search 9.0", t.minus(Duration.ofHours(1)));
    String after = change("deploy", order, "after the fact", t.plus(Duration.ofHours(1)));

    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/rollback-candidates", incident)
        .then()
        .statusCode(200)
        .body("anchor", equalTo(t.toString()))
        .body("anchorSource", equalTo("occurred"))
        .body("window", equalTo("PT24H"))
        .body("affectedServices", contains(order))
        .body("dependencies." + payment, contains(order, payment))
        .body("dependencies." + paymentDb, contains(order, payment, paymentDb))
        .body("candidates.change.id", contains(deploy, schema, infra, db, config23))
        .body(
            "candidates.reason",
            contains("same_service", "same_service", "infra_wide", "dependency", "dependency"))
        .body("candidates.rollbackSafe", contains(true, false, true, true, true))
        .body("candidates[1].explanation", containsString("not rollback-safe"))
        .body("candidates[3].path", contains(order, payment, paymentDb))
        .body("candidates[4].explanation", containsString("a dependency of " + order))
        .body("candidates[4].before", equalTo("PT23H"))
        .body("candidates.change.id", not(hasItem(config25)))
        .body("candidates.change.id", not(hasItem(unrelated)))
        .body("candidates.change.id", not(hasItem(after)));

    given()
        .header("Authorization", VIEWER)
        .queryParam("window", "PT4H")
        .get("/v1/incidents/{id}/rollback-candidates", incident)
        .then()
        .statusCode(200)
        .body("candidates.change.id", contains(deploy, schema, infra));
    for (String bad : List.of("P30D", "PT0S", "-PT1H", "a day")) {
      given()
          .header("Authorization", VIEWER)
          .queryParam("window", bad)
          .get("/v1/incidents/{id}/rollback-candidates", incident)
          .then()
          .statusCode(400)
          .body("detail", containsString("window"));
    }

    // a domain-only incident whose occurrence is unknown: the catalog's services of the domain,
    // anchored at detection
    String byDomain =
        given()
            .header("Authorization", RESPONDER)
            .contentType(ContentType.JSON)
            .body(
                "{\"title\":\"Payments fail\",\"domain\":\"payment\",\"detectedAt\":\"" + t + "\"}")
            .post("/v1/incidents")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/rollback-candidates", byDomain)
        .then()
        .statusCode(200)
        .body("anchorSource", equalTo("detected"))
        .body("affectedServices", hasItem(payment))
        .body("candidates.change.id", contains(infra, db, config23));

    given()
        .header("Authorization", VIEWER)
        .get("/v1/incidents/{id}/rollback-candidates", "6b1f5c1e-0000-4000-8000-000000000000")
        .then()
        .statusCode(404);
    given().get("/v1/incidents/{id}/rollback-candidates", incident).then().statusCode(401);
  }

  @Test
  void changesComeFromChangeSourceIntegrationsAndResponders() throws Exception {
    String token = integration("ci-" + System.nanoTime(), "change_source");
    String alerting = integration("am-" + System.nanoTime(), "alertmanager");
    given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(
            """
            {"kind":"deploy","service":"order-api","summary":"order-api 2.41.0","version":"2.41.0",
             "fromVersion":"2.40.3","author":"jihoon","occurredAt":"2026-11-24T10:00:00Z",
             "links":["https://ci.example.com/builds/1"]}
            """)
        .post("/v1/changes")
        .then()
        .statusCode(201)
        .body("source", startsWithIntegration())
        .body("rollbackSafe", equalTo(true))
        .body("links", hasItem("https://ci.example.com/builds/1"));
    given()
        .header("Authorization", "Bearer " + alerting)
        .contentType(ContentType.JSON)
        .body("{\"kind\":\"deploy\",\"service\":\"a\",\"summary\":\"x\"}")
        .post("/v1/changes")
        .then()
        .statusCode(403)
        .body("detail", containsString("change_source"));
    // The kind is checked before the change: an alerting token learns nothing about its fields.
    given()
        .header("Authorization", "Bearer " + alerting)
        .contentType(ContentType.JSON)
        .body("{\"kind\":\"not-a-kind\",\"summary\":\"x\"}")
        .post("/v1/changes")
        .then()
        .statusCode(403)
        .body("detail", containsString("change_source"));
    given()
        .header("Authorization", "Bearer fbi_not-a-real-token")
        .contentType(ContentType.JSON)
        .body("{\"kind\":\"deploy\",\"service\":\"a\",\"summary\":\"x\"}")
        .post("/v1/changes")
        .then()
        .statusCode(401);

    long before = count(db, "select count(*) from change_event");
    for (String[] bad :
        List.of(
            new String[] {"{\"service\":\"a\",\"summary\":\"x\"}", "kind"},
            new String[] {"{\"kind\":\"magic\",\"service\":\"a\",\"summary\":\"x\"}", "kind"},
            new String[] {"{\"kind\":\"deploy\",\"summary\":\"x\"}", "service"},
            new String[] {"{\"kind\":\"schema_migration\",\"summary\":\"x\"}", "service"},
            new String[] {"{\"kind\":\"deploy\",\"service\":\"a\"}", "summary"},
            new String[] {
              "{\"kind\":\"deploy\",\"service\":\"a\",\"summary\":\"x\",\"occurredAt\":\"2999-01-01T00:00:00Z\"}",
              "occurredAt"
            },
            new String[] {
              "{\"kind\":\"deploy\",\"service\":\"a\",\"summary\":\"x\",\"links\":[\"ftp://x\"]}",
              "links"
            },
            new String[] {"{\"kind\":\"deploy\"", "JSON"})) {
      given()
          .header("Authorization", RESPONDER)
          .contentType(ContentType.JSON)
          .body(bad[0])
          .post("/v1/changes")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("detail", containsString(bad[1]));
    }
    assertThat(count(db, "select count(*) from change_event")).isEqualTo(before);

    given()
        .contentType(ContentType.JSON)
        .body("{\"kind\":\"deploy\",\"service\":\"a\",\"summary\":\"x\"}")
        .post("/v1/changes")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", VIEWER)
        .contentType(ContentType.JSON)
        .body("{\"kind\":\"deploy\",\"service\":\"a\",\"summary\":\"x\"}")
        .post("/v1/changes")
        .then()
        .statusCode(403);

    String id =
        given()
            .header("Authorization", RESPONDER)
            .contentType(ContentType.JSON)
            .body(
                "{\"kind\":\"feature_flag\",\"service\":\"order-api\",\"summary\":\"coupons on\"}")
            .post("/v1/changes")
            .then()
            .statusCode(201)
            .body("source", equalTo("dana@firebell.test"))
            .extract()
            .path("id");
    given()
        .header("Authorization", VIEWER)
        .get("/v1/changes/{id}", id)
        .then()
        .statusCode(200)
        .body("kind", equalTo("feature_flag"));
    var page =
        given()
            .header("Authorization", VIEWER)
            .queryParam("service", "order-api")
            .queryParam("limit", 1)
            .get("/v1/changes")
            .then()
            .statusCode(200)
            .body("items.size()", equalTo(1))
            .extract()
            .jsonPath();
    given()
        .header("Authorization", VIEWER)
        .queryParam("service", "order-api")
        .queryParam("cursor", page.getString("nextCursor"))
        .get("/v1/changes")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(page.getString("items[0].id"))));
    given().get("/v1/changes").then().statusCode(401);
  }

  @Test
  void pagerDutyChangeEventsAreAcceptedWithAnIntegrationTokenAsRoutingKey() throws Exception {
    String token = integration("pd-" + System.nanoTime(), "change_source");
    String alerting = integration("gr-" + System.nanoTime(), "grafana");
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"routing_key\":\""
                + token
                + "\",\"payload\":{\"summary\":\"Deployed checkout 7.1\",\"timestamp\":\"2026-11-24T09:00:00.000+0000\","
                + "\"source\":\"checkout\",\"custom_details\":{\"version\":\"7.1\",\"author\":\"lee\"}},"
                + "\"links\":[{\"href\":\"https://github.com/acme/checkout/pull/7\",\"text\":\"PR\"}]}")
        .post("/v2/change/enqueue")
        .then()
        .statusCode(202); // PagerDuty's documented form, +0000 without a colon
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"routing_key\":\""
                + token
                + "\",\"payload\":{\"summary\":\"Deployed checkout 7.1\",\"timestamp\":\"2026-11-24T09:00:00.000+00:00\","
                + "\"source\":\"checkout\",\"custom_details\":{\"version\":\"7.1\",\"author\":\"lee\"}},"
                + "\"links\":[{\"href\":\"https://github.com/acme/checkout/pull/7\",\"text\":\"PR\"}]}")
        .post("/v2/change/enqueue")
        .then()
        .statusCode(202)
        .body("status", equalTo("success"))
        .body("message", equalTo("Change event processed"));
    given()
        .header("Authorization", VIEWER)
        .queryParam("service", "checkout")
        .get("/v1/changes")
        .then()
        .body("items[0].summary", equalTo("Deployed checkout 7.1"))
        .body("items[0].kind", equalTo("deploy"))
        .body("items[0].version", equalTo("7.1"))
        .body("items[0].author", equalTo("lee"))
        .body("items[0].occurredAt", equalTo("2026-11-24T09:00:00Z"))
        .body("items[0].links", hasItem("https://github.com/acme/checkout/pull/7"));

    long before = count(db, "select count(*) from change_event");
    pd("{\"payload\":{\"summary\":\"x\"}}")
        .statusCode(400)
        .body("status", equalTo("invalid event"));
    pd("{\"routing_key\":\"fbi_unknown\",\"payload\":{\"summary\":\"x\"}}")
        .statusCode(400)
        .body("errors[0]", containsString("routing_key"));
    pd("{\"routing_key\":\"" + alerting + "\",\"payload\":{\"summary\":\"x\",\"source\":\"a\"}}")
        .statusCode(400);
    pd("{\"routing_key\":\"" + token + "\"}")
        .statusCode(400)
        .body("errors[0]", containsString("payload"));
    pd("{\"routing_key\":\"" + token + "\",\"payload\":{\"source\":\"a\"}}")
        .statusCode(400)
        .body("errors[0]", containsString("summary"));
    pd("{\"routing_key\":\"" + token + "\",\"payload\":{\"summary\":\"x\"}}")
        .statusCode(400)
        .body("errors[0]", containsString("service"));
    pd("{\"routing_key\":\""
            + token
            + "\",\"payload\":{\"summary\":\"x\",\"source\":\"a\",\"timestamp\":\"noon\"}}")
        .statusCode(400)
        .body("errors[0]", containsString("timestamp"));
    pd("{\"routing_key\":").statusCode(400);
    assertThat(count(db, "select count(*) from change_event")).isEqualTo(before);
  }

  @Test
  void theServiceCatalog() {
    String name = "cat-" + System.nanoTime();
    catalog(
        name,
        "{\"domain\":\"order\",\"owners\":[\"order-team\"],\"dependencies\":[\"db-1\",\"db-1\"],\"description\":\"orders\"}");
    given()
        .header("Authorization", VIEWER)
        .get("/v1/services/{n}", name)
        .then()
        .statusCode(200)
        .body("domain", equalTo("order"))
        .body("owners", contains("order-team"))
        .body("dependencies", contains("db-1"))
        .body("updatedBy", equalTo("dana@firebell.test"));
    given()
        .header("Authorization", VIEWER)
        .queryParam("domain", "order")
        .get("/v1/services")
        .then()
        .body("name", hasItem(name));
    catalog(name, "{\"domain\":\"order\",\"owners\":[],\"dependencies\":[]}");
    given()
        .header("Authorization", VIEWER)
        .get("/v1/services/{n}", name)
        .then()
        .body("dependencies.size()", equalTo(0));

    putCatalog(name, RESPONDER, "{\"dependencies\":[\"" + name + "\"]}").statusCode(400);
    putCatalog("Bad Name", RESPONDER, "{}").statusCode(400);
    putCatalog(name, RESPONDER, "{\"dependencies\":[\"Not A Service\"]}").statusCode(400);
    putCatalog(name, RESPONDER, "{\"owners\":\"x\"}").statusCode(400);
    putCatalog(name, null, "{}").statusCode(401);
    putCatalog(name, VIEWER, "{}").statusCode(403);
    given().get("/v1/services").then().statusCode(401);
    given()
        .header("Authorization", RESPONDER)
        .delete("/v1/services/{n}", name)
        .then()
        .statusCode(403);
    given().delete("/v1/services/{n}", name).then().statusCode(401);
    given().header("Authorization", ADMIN).delete("/v1/services/{n}", name).then().statusCode(204);
    given().header("Authorization", VIEWER).get("/v1/services/{n}", name).then().statusCode(404);
  }

  @Test
  void integrationTokensReachOnlyTheChangeEndpoints() {
    String token = "Bearer " + integration("scope-" + System.nanoTime(), "change_source");
    String incident = Api.declare("Scoped tokens", "scope-api");
    String change =
        given()
            .header("Authorization", token)
            .contentType(ContentType.JSON)
            .body("{\"kind\":\"config\",\"service\":\"scope-api\",\"summary\":\"x\"}")
            .post("/v1/changes")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    for (String path :
        List.of(
            "/v1/incidents",
            "/v1/incidents/" + incident,
            "/v1/incidents/" + incident + "/rollback-candidates",
            "/v1/changes",
            "/v1/changes/" + change,
            "/v1/services")) {
      given().header("Authorization", token).get(path).then().statusCode(403);
      given().get(path).then().statusCode(401).contentType("application/problem+json");
    }
    given()
        .header("Authorization", token)
        .contentType(ContentType.JSON)
        .body("{\"title\":\"x\",\"service\":\"a\"}")
        .post("/v1/incidents")
        .then()
        .statusCode(403);
    putCatalog("scope-api", token, "{}").statusCode(403);
    given().get("/v1/services/{n}", "scope-api").then().statusCode(401);
    given()
        .header("Authorization", VIEWER)
        .get("/v1/changes/{id}", "6b1f5c1e-0000-4000-8000-000000000000")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  private static org.hamcrest.Matcher<String> startsWithIntegration() {
    return org.hamcrest.Matchers.startsWith("integration:ci-");
  }

  private static ValidatableResponse pd(String body) {
    return given().contentType(ContentType.JSON).body(body).post("/v2/change/enqueue").then();
  }

  private static String integration(String name, String kind) {
    return given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"" + name + "\",\"kind\":\"" + kind + "\"}")
        .post("/v1/integrations")
        .then()
        .statusCode(201)
        .extract()
        .path("token");
  }

  private static void catalog(String name, String body) {
    putCatalog(name, RESPONDER, body).statusCode(200);
  }

  private static ValidatableResponse putCatalog(String name, String token, String body) {
    var req = given().contentType(ContentType.JSON).body(body);
    if (token != null) {
      req = req.header("Authorization", token);
    }
    return req.put("/v1/services/{n}", name).then();
  }

  private static String change(String kind, String service, String summary, Instant at) {
    return given()
        .header("Authorization", TestTokens.bearer("ci", "responder"))
        .contentType(ContentType.JSON)
        .body(
            "{\"kind\":\""
                + kind
                + "\","
                + (service == null ? "" : "\"service\":\"" + service + "\",")
                + "\"summary\":\""
                + summary
                + "\",\"occurredAt\":\""
                + at
                + "\"}")
        .post("/v1/changes")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }
}
