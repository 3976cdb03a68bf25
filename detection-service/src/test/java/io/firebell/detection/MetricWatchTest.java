package io.firebell.detection;

import static io.firebell.detection.MetricFixtures.ADMIN;
import static io.firebell.detection.MetricFixtures.VIEWER;
import static io.firebell.detection.MetricFixtures.evaluate;
import static io.firebell.detection.MetricFixtures.groups;
import static io.firebell.detection.MetricFixtures.push;
import static io.firebell.detection.MetricFixtures.watch;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.firebell.client.Receiver;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Business-metric watches on pushed samples (issue 18): a seasonal baseline from weeks of history,
 * exactly one alert on a drop (routed, paged and auto-declared as business_metric), none on a
 * normal Sunday dip, the spike rule, the blind alert, bad input and who may do what.
 */
@QuarkusTest
class MetricWatchTest {

  private static final Duration WEEK = Duration.ofDays(7);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject AgroalDataSource db;

  /** Noon UTC of the latest Monday at least two days before now, so samples are in the past. */
  private static Instant lastMondayNoon() {
    return ZonedDateTime.now(ZoneOffset.UTC)
        .minusDays(2)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .truncatedTo(ChronoUnit.DAYS)
        .plusHours(12)
        .toInstant();
  }

  /**
   * Four weeks of history around {@code monday} and the Sunday before it: a sample a minute from 15
   * minutes before to 15 after; weekdays sell about 100 a minute, Sundays about 40.
   */
  private static Map<Instant, Double> history(Instant monday) {
    Map<Instant, Double> samples = new TreeMap<>();
    for (int week = 1; week <= 4; week++) {
      for (int minute = -15; minute <= 15; minute++) {
        Instant m = monday.minus(WEEK.multipliedBy(week)).plus(Duration.ofMinutes(minute));
        samples.put(m, 98.0 + week);
        samples.put(m.minus(Duration.ofDays(1)), 38.0 + week);
      }
    }
    return samples;
  }

  private static Instant minutes(Instant t, int n) {
    return t.plus(Duration.ofMinutes(n));
  }

  @Test
  void aDropAlertsOnceThroughThePipelineAndASundayDipDoesNot() throws Exception {
    String u = UUID.randomUUID().toString().substring(0, 8);
    String domain = "shop" + u;
    String service = "orders-" + u;
    String metric = "orders_per_minute_" + u;
    @SuppressWarnings("resource") // closed with the detection reader below
    Receiver receiver = new Receiver();
    MetricFixtures.pagedDomain(domain, service, receiver, "oncall-" + u);
    String id =
        watch(
            """
            {"name":"orders-%s","metric":"%s","domain":"%s","service":"%s",
             "source":{"type":"pushed"},"interval":"PT1H","baseline":{"weeks":4,"minWeeks":3},
             "drop":{"percent":70,"consecutive":3},"severity":"critical"}"""
                .formatted(u, metric, domain, service));
    String token = Fixtures.integration("metrics");
    Instant monday = lastMondayNoon();
    Instant sunday = monday.minus(Duration.ofDays(1));
    Map<Instant, Double> samples = history(monday);
    for (int minute = 0; minute <= 5; minute++) {
      samples.put(minutes(sunday, minute), 41.0); // a normal Sunday: 41% of a weekday's sales
    }
    samples.put(monday, 100.0);
    for (int minute = 1; minute <= 4; minute++) {
      samples.put(minutes(monday, minute), 30.0); // the drop
    }
    samples.put(minutes(monday, 5), 101.0); // recovered
    push(token, metric, samples);

    try (receiver;
        TopicReader detection = new TopicReader(Topics.DETECTION)) {
      // The Sunday dip: compared with earlier Sundays (median 40.5), not with Saturday.
      for (int minute = 0; minute <= 3; minute++) {
        JsonPath e = evaluate(id, minutes(sunday, minute));
        assertThat(e.getString("outcome")).isEqualTo("ok");
        assertThat(e.getDouble("baseline")).isEqualTo(40.5);
        assertThat(e.getList("history")).hasSize(4);
        assertThat(e.getList("changes")).isEmpty();
      }
      assertThat(evaluate(id, monday).getString("outcome")).isEqualTo("ok");
      List<String> outcomes =
          List.of(
              evaluate(id, minutes(monday, 1)).getString("outcome"),
              evaluate(id, minutes(monday, 2)).getString("outcome"));
      assertThat(outcomes).containsExactly("breaching", "breaching");
      JsonPath fired = evaluate(id, minutes(monday, 3));
      assertThat(fired.getString("outcome")).isEqualTo("drop");
      assertThat(fired.getList("changes")).containsExactly("drop fired");
      assertThat(fired.getDouble("observed")).isEqualTo(30.0);
      assertThat(fired.getDouble("baseline")).isEqualTo(100.5);
      JsonPath still = evaluate(id, minutes(monday, 4));
      assertThat(still.getString("outcome")).isEqualTo("drop");
      assertThat(still.getList("changes")).isEmpty();

      // Routed to the watch's domain, paged and auto-declared like any alert, as business.
      List<ConsumerRecord<String, byte[]>> declared =
          detection.await(
              r ->
                  TopicReader.ofType(EventTypes.DECLARATION_REQUESTED.name()).test(r)
                      && new String(r.value()).contains(service),
              1,
              Duration.ofSeconds(30));
      assertThat(declared).hasSize(1);
      JsonNode d = JSON.readTree(declared.get(0).value());
      assertThat(d.get("kind").asText()).isEqualTo("business");
      assertThat(d.get("domain").asText()).isEqualTo(domain);
      assertThat(d.get("autoDeclared").asBoolean()).isTrue();
      assertThat(d.get("summary").asText())
          .contains("30", "baseline 100.5", "below 70% for 3 evaluations");
      assertThat(Instant.parse(d.get("occurredAt").asText())).isEqualTo(minutes(monday, 1));
      Receiver.Message page =
          receiver
              .await(m -> m.path().equals("/oncall-" + u), 1, Duration.ofSeconds(30), "the page")
              .get(0);
      assertThat(page.body()).contains(service, "baseline 100.5");

      JsonPath group = groups(service);
      assertThat(group.getList("items")).hasSize(1);
      String groupId = group.getString("items[0].id");
      given()
          .header("Authorization", VIEWER)
          .get("/v1/alert-groups/" + groupId)
          .then()
          .statusCode(200)
          .body("group.kind", equalTo("business"))
          .body("alerts[0].sourceKind", equalTo("business_metric"))
          .body("alerts[0].annotations.observed", equalTo("30"))
          .body("alerts[0].annotations.baseline", equalTo("100.5"))
          .body(
              "alerts[0].links.query",
              equalTo(
                  "/v1/metrics/"
                      + metric
                      + "/samples?from="
                      + minutes(monday, 3).minus(Duration.ofDays(1))
                      + "&to="
                      + minutes(monday, 3)));

      // Recovery resolves it.
      JsonPath recovered = evaluate(id, minutes(monday, 5));
      assertThat(recovered.getString("outcome")).isEqualTo("ok");
      assertThat(recovered.getList("changes")).containsExactly("drop resolved");
      detection.await(
          r ->
              TopicReader.ofType(EventTypes.ALERT_GROUP_RESOLVED.name()).test(r)
                  && new String(r.value()).contains(groupId),
          1,
          Duration.ofSeconds(30));
      // Exactly one alert, one group, one declaration, one page in all.
      List<ConsumerRecord<String, byte[]>> seen = detection.drain(Duration.ofSeconds(2));
      assertThat(
              seen.stream()
                  .filter(TopicReader.ofType(EventTypes.ALERT_GROUP_OPENED.name()))
                  .filter(r -> new String(r.value()).contains(service))
                  .count())
          .isEqualTo(1);
      assertThat(groups(service).getList("items")).hasSize(1);
      assertThat(groups(service).getString("items[0].status")).isEqualTo("resolved");
      assertThat(groups(service).getInt("items[0].alertCount")).isEqualTo(1);
      assertThat(receiver.received("/oncall-" + u)).hasSize(1);
    }
    // Every evaluation is on record, newest first.
    given()
        .header("Authorization", VIEWER)
        .get("/v1/metric-watches/" + id + "/evaluations")
        .then()
        .statusCode(200)
        .body("size()", equalTo(10))
        .body("[0].outcome", equalTo("ok"))
        .body("[0].trigger", equalTo("manual"));
    given()
        .header("Authorization", VIEWER)
        .get("/v1/metric-watches/" + id)
        .then()
        .statusCode(200)
        .body("firing", equalTo(null))
        .body("dropStreak", equalTo(0));
  }

  @Test
  void aSpikeAlertsAfterItsRunAndTooLittleHistoryAppliesNoRule() throws Exception {
    String u = UUID.randomUUID().toString().substring(0, 8);
    String domain = "spike" + u;
    String service = "signups-" + u;
    String metric = "signups_" + u;
    try (Receiver receiver = new Receiver()) {
      MetricFixtures.pagedDomain(domain, service, receiver, "oncall-" + u);
    }
    String id =
        watch(
            """
            {"name":"signups-%s","metric":"%s","domain":"%s","service":"%s",
             "source":{"type":"pushed"},"interval":"PT1H","baseline":{"weeks":4,"minWeeks":2},
             "spike":{"percent":200,"consecutive":2},"severity":"error"}"""
                .formatted(u, metric, domain, service));
    String token = Fixtures.integration("metrics");
    Instant monday = lastMondayNoon();
    Map<Instant, Double> samples = new TreeMap<>();
    // Only one week of history at first: below minWeeks, so a spike applies no rule.
    samples.put(monday.minus(WEEK), 50.0);
    samples.put(monday, 500.0);
    samples.put(minutes(monday, 1), 500.0);
    samples.put(minutes(monday, 2), 500.0);
    push(token, metric, samples);
    JsonPath early = evaluate(id, monday);
    assertThat(early.getString("outcome")).isEqualTo("insufficient_history");
    assertThat(early.getList("changes")).isEmpty();
    push(
        token,
        metric,
        Map.of(
            minutes(monday, 1).minus(WEEK), 50.0,
            minutes(monday, 1).minus(WEEK.multipliedBy(2)), 60.0,
            minutes(monday, 2).minus(WEEK), 50.0,
            minutes(monday, 2).minus(WEEK.multipliedBy(2)), 60.0));
    assertThat(evaluate(id, minutes(monday, 1)).getString("outcome")).isEqualTo("breaching");
    JsonPath spike = evaluate(id, minutes(monday, 2));
    assertThat(spike.getString("outcome")).isEqualTo("spike");
    assertThat(spike.getList("changes")).containsExactly("spike fired");
    assertThat(spike.getDouble("ratioPercent"))
        .isCloseTo(909.09, org.assertj.core.data.Offset.offset(0.01));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> groups(service).getList("items").size() == 1);
    JsonPath g = groups(service);
    assertThat(g.getString("items[0].kind")).isEqualTo("business");
    assertThat(g.getString("items[0].severity")).isEqualTo("error");
    assertThat(g.getString("items[0].summary")).contains("above 200% for 2 evaluations");
  }

  @Test
  void aWatchWithoutDataRaisesItsBlindAlertAndResolvesItWhenDataIsBack() throws Exception {
    String u = UUID.randomUUID().toString().substring(0, 8);
    String domain = "blind" + u;
    String service = "payments-" + u;
    String metric = "payments_" + u;
    try (Receiver receiver = new Receiver()) {
      MetricFixtures.pagedDomain(domain, service, receiver, "oncall-" + u);
    }
    String id =
        watch(
            """
            {"name":"payments-%s","metric":"%s","domain":"%s","service":"%s",
             "source":{"type":"pushed"},"interval":"PT1H","baseline":{"weeks":2},
             "drop":{"percent":50}}"""
                .formatted(u, metric, domain, service));
    Instant monday = lastMondayNoon();
    JsonPath blind = evaluate(id, monday);
    assertThat(blind.getString("outcome")).isEqualTo("blind");
    assertThat(blind.getList("changes")).containsExactly("blind fired");
    assertThat(blind.getString("error")).contains("no data");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> groups(service).getList("items").size() == 1);
    assertThat(groups(service).getString("items[0].labels.alertname"))
        .isEqualTo("MetricWatchBlind");
    assertThat(groups(service).getString("items[0].severity")).isEqualTo("warning");
    given()
        .header("Authorization", VIEWER)
        .get("/v1/metric-watches/" + id)
        .then()
        .body("blind", equalTo(true));
    push(Fixtures.integration("metrics"), metric, Map.of(minutes(monday, 1), 10.0));
    JsonPath back = evaluate(id, minutes(monday, 1));
    assertThat(back.getString("outcome")).isEqualTo("insufficient_history");
    assertThat(back.getList("changes")).containsExactly("blind resolved");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "resolved".equals(groups(service).getString("items[0].status")));
  }

  @Test
  void changingOrDeletingAWatchResolvesTheAlertsItFires() throws Exception {
    String u = UUID.randomUUID().toString().substring(0, 8);
    String domain = "edit" + u;
    String service = "basket-" + u;
    String metric = "baskets_" + u;
    try (Receiver receiver = new Receiver()) {
      MetricFixtures.pagedDomain(domain, service, receiver, "oncall-" + u);
    }
    String definition =
        """
        {"name":"baskets-%s","metric":"%s","domain":"%s","service":"%s",
         "source":{"type":"pushed"},"interval":"PT1H","baseline":{"weeks":1},
         "drop":{"percent":50,"consecutive":1}%s}""";
    String id = watch(definition.formatted(u, metric, domain, service, ""));
    Instant monday = lastMondayNoon();
    push(Fixtures.integration("metrics"), metric, Map.of(monday.minus(WEEK), 100.0, monday, 10.0));
    assertThat(evaluate(id, monday).getList("changes")).containsExactly("drop fired");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "open".equals(groups(service).getString("items[0].status")));
    // A new severity labels the alerts differently: the old one resolves, the watch starts over.
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(definition.formatted(u, metric, domain, service, ",\"severity\":\"error\""))
        .put("/v1/metric-watches/" + id)
        .then()
        .statusCode(200)
        .body("firing", equalTo(null))
        .body("severity", equalTo("error"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "resolved".equals(groups(service).getString("items[0].status")));
    // Blind, then deleted: the blind alert resolves with it.
    assertThat(evaluate(id, monday.plus(Duration.ofHours(1))).getList("changes"))
        .containsExactly("blind fired");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> groups(service).getList("items").size() == 2);
    given()
        .header("Authorization", ADMIN)
        .delete("/v1/metric-watches/" + id)
        .then()
        .statusCode(204);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> groups(service).getList("items.status").stream().allMatch("resolved"::equals));
  }

  @Test
  void badInputIsProblemJsonAndStoresNothing() throws Exception {
    String u = UUID.randomUUID().toString().substring(0, 8);
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{}")
        .put("/v1/domains/bad" + u)
        .then()
        .statusCode(201);
    String valid =
        """
        {"name":"w-%s","metric":"m_%s","domain":"bad%s","service":"s",
         "source":{"type":"pushed"},"baseline":{"weeks":4},"drop":{"percent":70}}"""
            .formatted(u, u, u);
    Map<String, String> bad =
        Map.of(
            valid.replace("\"pushed\"", "\"graphite\""), "source.type",
            valid.replace("{\"type\":\"pushed\"}", "{\"type\":\"prometheus\"}"), "source.url",
            valid.replace("\"weeks\":4", "\"weeks\":40"), "baseline.weeks",
            valid.replace("\"weeks\":4", "\"weeks\":2,\"minWeeks\":3"), "baseline.minWeeks",
            valid.replace("\"percent\":70", "\"percent\":170"), "drop.percent",
            valid.replace(",\"drop\":{\"percent\":70}", ""), "drop",
            valid.replace("\"metric\":\"m_", "\"metric\":\"9 m_"), "metric",
            valid.replace("\"domain\":\"bad", "\"domain\":\"nope"), "domain",
            valid.replace("\"baseline\"", "\"interval\":\"PT0.5S\",\"baseline\""), "interval",
            valid.replace("\"baseline\"", "\"severity\":\"loud\",\"baseline\""), "severity");
    for (Map.Entry<String, String> b : bad.entrySet()) {
      given()
          .header("Authorization", ADMIN)
          .contentType(ContentType.JSON)
          .body(b.getKey())
          .post("/v1/metric-watches")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem(b.getValue()));
    }
    // A Prometheus source on a refused address: 422, nothing stored.
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(
            valid.replace(
                "{\"type\":\"pushed\"}",
                "{\"type\":\"prometheus\",\"url\":\"http://169.254.169.254\",\"query\":\"up\"}"))
        .post("/v1/metric-watches")
        .then()
        .statusCode(422)
        .contentType("application/problem+json");
    assertThat(count("select count(*) from metric_watch where name = 'w-" + u + "'")).isZero();
    watch(valid);
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(valid)
        .post("/v1/metric-watches")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    // Samples: malformed, non-finite-free but out of range, too many, unknown metric.
    String token = Fixtures.integration("metrics");
    for (String body :
        List.of(
            "{\"samples\":[]}",
            "{\"samples\":[{\"timestamp\":\"yesterday\",\"value\":1}]}",
            "{\"samples\":[{\"timestamp\":\"2026-01-01T00:00:00Z\"}]}",
            "{\"samples\":[{\"timestamp\":\""
                + Instant.now().plus(Duration.ofHours(1))
                + "\",\"value\":1}]}",
            "{\"samples\":[{\"timestamp\":\"1990-01-01T00:00:00Z\",\"value\":1}]}")) {
      given()
          .header("Authorization", "Bearer " + token)
          .contentType(ContentType.JSON)
          .body(body)
          .post("/v1/metrics/m_" + u + "/samples")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body("{\"samples\":[{\"timestamp\":\"" + Instant.now() + "\",\"value\":1}]}")
        .post("/v1/metrics/unwatched_" + u + "/samples")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    StringBuilder many = new StringBuilder("{\"samples\":[");
    Instant t = Instant.now().minus(Duration.ofDays(1));
    for (int i = 0; i < 5_001; i++) {
      many.append(i == 0 ? "" : ",")
          .append("{\"timestamp\":\"")
          .append(t.plusSeconds(i))
          .append("\",\"value\":1}");
    }
    given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(many.append("]}").toString())
        .post("/v1/metrics/m_" + u + "/samples")
        .then()
        .statusCode(422)
        .contentType("application/problem+json");
    assertThat(count("select count(*) from metric_sample where metric = 'm_" + u + "'")).isZero();
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"at\":\"soon\"}")
        .post("/v1/metric-watches/" + UUID.randomUUID() + "/evaluations")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/metric-watches/" + UUID.randomUUID() + "/evaluations")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void onlyAdminsDefineWatchesAndOnlyMetricsTokensPush() {
    String u = UUID.randomUUID().toString().substring(0, 8);
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{}")
        .put("/v1/domains/authz" + u)
        .then()
        .statusCode(201);
    String body =
        """
        {"name":"a-%s","metric":"a_%s","domain":"authz%s","service":"s",
         "source":{"type":"pushed"},"baseline":{"weeks":4},"drop":{"percent":70}}"""
            .formatted(u, u, u);
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/metric-watches")
        .then()
        .statusCode(401);
    for (String role : List.of("viewer", "responder", "communicator")) {
      given()
          .header("Authorization", io.firebell.platform.testing.TestTokens.bearer("x", role))
          .contentType(ContentType.JSON)
          .body(body)
          .post("/v1/metric-watches")
          .then()
          .statusCode(403);
    }
    given()
        .header("Authorization", "Bearer " + Fixtures.integration("metrics"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/metric-watches")
        .then()
        .statusCode(403);
    String id = watch(body);
    given().get("/v1/metric-watches/" + id).then().statusCode(401);
    given()
        .header("Authorization", VIEWER)
        .get("/v1/metric-watches")
        .then()
        .statusCode(200)
        .body("name", hasItem("a-" + u));
    given()
        .header("Authorization", VIEWER)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/metric-watches/" + id + "/evaluations")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", VIEWER)
        .delete("/v1/metric-watches/" + id)
        .then()
        .statusCode(403);
    String sample = "{\"samples\":[{\"timestamp\":\"" + Instant.now() + "\",\"value\":1}]}";
    given()
        .contentType(ContentType.JSON)
        .body(sample)
        .post("/v1/metrics/a_" + u + "/samples")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", "Bearer " + Fixtures.integration("native"))
        .contentType(ContentType.JSON)
        .body(sample)
        .post("/v1/metrics/a_" + u + "/samples")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", VIEWER)
        .contentType(ContentType.JSON)
        .body(sample)
        .post("/v1/metrics/a_" + u + "/samples")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", "Bearer " + Fixtures.integration("metrics"))
        .contentType(ContentType.JSON)
        .body(sample)
        .post("/v1/metrics/a_" + u + "/samples")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(1));
    given()
        .header("Authorization", VIEWER)
        .get("/v1/metrics/a_" + u + "/samples")
        .then()
        .statusCode(200)
        .body("size()", equalTo(1));
    given()
        .header("Authorization", ADMIN)
        .delete("/v1/metric-watches/" + id)
        .then()
        .statusCode(204);
    given().header("Authorization", VIEWER).get("/v1/metric-watches/" + id).then().statusCode(404);
  }

  private long count(String sql) throws Exception {
    try (Connection c = db.getConnection();
        ResultSet r = c.createStatement().executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
