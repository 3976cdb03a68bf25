package io.firebell.detection;

import static io.restassured.RestAssured.given;

import io.firebell.client.Receiver;
import io.firebell.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A domain whose on-call is paged at a {@link Receiver}, a route that pages and auto-declares its
 * business-metric alerts, and the watch API's calls, for the business-metric tests.
 */
final class MetricFixtures {

  static final String ADMIN = TestTokens.bearer("ada", "admin");
  static final String VIEWER = TestTokens.bearer("vic", "viewer");

  private MetricFixtures() {}

  /**
   * Makes domain {@code domain} with a one-level policy paging {@code person} (whose webhook is
   * {@code receiver}'s path {@code /person}) and a route for the watch alerts of {@code service}
   * that pages from warning up and auto-declares.
   */
  static void pagedDomain(String domain, String service, Receiver receiver, String person) {
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("name", person, "webhookUrl", receiver.url("/" + person)))
        .put("/v1/people/" + person)
        .then()
        .statusCode(200);
    String policy =
        given()
            .header("Authorization", ADMIN)
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "name",
                    "policy-" + domain,
                    "levels",
                    List.of(
                        Map.of(
                            "targetType", "person", "target", person, "ackTimeoutSeconds", 600))))
            .post("/v1/escalation-policies")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("escalationPolicyId", policy))
        .put("/v1/domains/" + domain)
        .then()
        .statusCode(201);
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "metrics-" + domain,
                "position",
                1,
                "matchers",
                List.of("service=\"" + service + "\""),
                "domain",
                domain,
                "kind",
                "business",
                "groupBy",
                List.of("alertname", "service"),
                "autoDeclare",
                true,
                "page",
                true,
                "pageMinSeverity",
                "warning"))
        .post("/v1/routes")
        .then()
        .statusCode(201);
  }

  /** Creates a watch from its JSON; returns its id. */
  static String watch(String json) {
    return given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(json)
        .post("/v1/metric-watches")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Pushes samples {timestamp → value} with an integration token. */
  static void push(String token, String metric, Map<Instant, Double> samples) {
    StringJoiner body = new StringJoiner(",", "{\"samples\":[", "]}");
    samples.forEach((t, v) -> body.add("{\"timestamp\":\"" + t + "\",\"value\":" + v + "}"));
    given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(body.toString())
        .post("/v1/metrics/" + metric + "/samples")
        .then()
        .statusCode(200);
  }

  /** Evaluates a watch as of {@code at} (now when null); returns the evaluation. */
  static JsonPath evaluate(String watch, Instant at) {
    return given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(at == null ? "{}" : "{\"at\":\"" + at + "\"}")
        .post("/v1/metric-watches/" + watch + "/evaluations")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The alert groups of a service, newest first. */
  static JsonPath groups(String service) {
    return given()
        .header("Authorization", VIEWER)
        .queryParam("service", service)
        .get("/v1/alert-groups")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
