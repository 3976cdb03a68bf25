package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.firebell.client.Alertmanager;
import io.firebell.client.Http;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 2, the full storm: 10,000 alerts over 50 route keys, sent as Alertmanager
 * sends them (payloads of 50 alerts of one group), the whole storm three times (Alertmanager's
 * periodic re-send), and a tenth of the first round's payloads twice at the same instant (an HA
 * pair), collapse into exactly 50 groups, at most 50 pages and at most one declaration per group.
 *
 * <p>It also prints what it measured: ingest time, and grouping throughput both by the wall clock
 * and while the consumer was busy (from the {@code firebell.detection.grouping.batches} timer). A
 * smaller storm: {@code -Dfirebell.storm.alerts-per-key=4}.
 */
@QuarkusTest
class StormTest {

  private static final Http HTTP = new Http();

  static final int KEYS = 50;
  static final int ALERTS_PER_KEY = Integer.getInteger("firebell.storm.alerts-per-key", 200);
  static final int PER_PAYLOAD = Math.min(50, ALERTS_PER_KEY);
  static final int ROUNDS = 3;

  @Inject AgroalDataSource db;

  @Test
  void aStormCollapsesIntoOneGroupPerRouteKey() throws Exception {
    String storm = UUID.randomUUID().toString().substring(0, 8);
    String admin = TestTokens.bearer("ada", "admin");
    String domain = "storm" + storm;
    String policy =
        given()
            .header("Authorization", admin)
            .contentType(ContentType.JSON)
            .body(
                "{\"name\":\"storm-"
                    + storm
                    + "\",\"levels\":[{\"targetType\":\"person\",\"target\":\"sre@firebell.test\",\"ackTimeoutSeconds\":600}]}")
            .post("/v1/escalation-policies")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body("{\"escalationPolicyId\":\"" + policy + "\"}")
        .put("/v1/domains/" + domain)
        .then()
        .statusCode(201);
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\"storm-"
                + storm
                + "\",\"position\":1,\"matchers\":[\"storm=\\\""
                + storm
                + "\\\"\"],\"domain\":\""
                + domain
                + "\",\"groupBy\":[\"alertname\"],\"autoDeclare\":true,\"page\":true,"
                + "\"pageMinSeverity\":\"warning\"}")
        .post("/v1/routes")
        .then()
        .statusCode(201);
    String token = Fixtures.integration("alertmanager");

    // 50 route keys (alertnames) x ALERTS_PER_KEY alerts; payloads of 50 alerts of one key.
    List<String> payloads = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      for (int start = 0; start < ALERTS_PER_KEY; start += PER_PAYLOAD) {
        List<String> alerts = new ArrayList<>();
        for (int i = start; i < start + PER_PAYLOAD; i++) {
          alerts.add(
              """
              {"status":"firing","labels":{"alertname":"Storm%d","storm":"%s","instance":"i%d","severity":"critical"},
               "annotations":{"summary":"storm %s key %d"},"startsAt":"2026-03-12T10:00:00Z",
               "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus/x","fingerprint":"%s-%d-%d"}"""
                  .formatted(k, storm, i, storm, k, storm, k, i));
        }
        payloads.add(Fixtures.amPayload("firing", 0, alerts.toArray(String[]::new)));
      }
    }
    Map<String, Double> before = groupingMetrics();
    try (TopicReader detection = new TopicReader(Topics.DETECTION)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Integer>> sent = new ArrayList<>();
      long duplicates = 0;
      long started = System.nanoTime();
      for (int round = 0; round < ROUNDS; round++) {
        for (int p = 0; p < payloads.size(); p++) {
          String body = payloads.get(p);
          if (round == 0 && p % 10 == 0) {
            // An HA pair: the same payload twice at the same instant.
            CyclicBarrier together = new CyclicBarrier(2);
            for (int c = 0; c < 2; c++) {
              sent.add(
                  pool.submit(
                      () -> {
                        together.await(30, TimeUnit.SECONDS);
                        return post(token, body);
                      }));
            }
            duplicates += PER_PAYLOAD;
          } else {
            sent.add(pool.submit(() -> post(token, body)));
          }
        }
      }
      for (Future<Integer> f : sent) {
        assertThat(f.get()).isEqualTo(202);
      }
      long ingested = System.nanoTime();
      pool.shutdown();
      long expectedReceives = (long) ROUNDS * KEYS * ALERTS_PER_KEY + duplicates;

      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      long receives = 0;
      while (System.nanoTime() < deadline) {
        receives =
            scalar(
                "select coalesce(sum(a.receive_count),0) from alert a join alert_group g on"
                    + " g.id = a.alert_group_id where g.domain = ?",
                domain);
        if (receives >= expectedReceives) {
          break;
        }
        Thread.sleep(250);
      }
      long grouped = System.nanoTime();
      assertThat(receives).isEqualTo(expectedReceives);
      report(expectedReceives, started, ingested, grouped, before, groupingMetrics());

      assertThat(scalar("select count(*) from alert_group where domain = ?", domain))
          .isEqualTo(KEYS);
      assertThat(
              scalar(
                  "select count(*) from alert a join alert_group g on g.id = a.alert_group_id"
                      + " where g.domain = ?",
                  domain))
          .isEqualTo((long) KEYS * ALERTS_PER_KEY);
      assertThat(scalar("select count(*) from page where domain = ?", domain))
          .isLessThanOrEqualTo(KEYS)
          .isGreaterThan(0);
      assertThat(
              scalar(
                  "select count(*) from (select alert_group_id from page where domain = ? group"
                      + " by alert_group_id having count(*) > 1) x",
                  domain))
          .isZero();

      // Events on the detection topic, filtered by this storm's groups: one opened and one
      // declaration per group (the route auto-declares), none twice.
      Set<String> groupIds =
          strings("select cast(id as text) from alert_group where domain = ?", domain);
      Predicate<ConsumerRecord<String, byte[]>> mine = r -> groupIds.contains(r.key());
      Predicate<ConsumerRecord<String, byte[]>> declaredType =
          TopicReader.ofType(EventTypes.DECLARATION_REQUESTED.name());
      detection.await(mine.and(declaredType), KEYS, Duration.ofSeconds(60));
      var events = detection.drain(Duration.ofSeconds(3)).stream().filter(mine).toList();
      var opened =
          events.stream()
              .filter(TopicReader.ofType(EventTypes.ALERT_GROUP_OPENED.name()))
              .map(ConsumerRecord::key)
              .toList();
      var declared = events.stream().filter(declaredType).map(ConsumerRecord::key).toList();
      assertThat(opened).hasSize(KEYS).doesNotHaveDuplicates();
      assertThat(declared).hasSize(KEYS).doesNotHaveDuplicates();
    }
  }

  private static int post(String token, String body) {
    return Alertmanager.send(HTTP, RestAssured.baseURI + ":" + RestAssured.port, token, body);
  }

  private static void report(
      long deliveries,
      long started,
      long ingested,
      long grouped,
      Map<String, Double> before,
      Map<String, Double> after) {
    double ingestSeconds = (ingested - started) / 1e9;
    double groupSeconds = (grouped - started) / 1e9;
    double batches = after.get("count") - before.get("count");
    double busy = after.get("sum") - before.get("sum");
    System.out.printf(
        Locale.ROOT,
        "storm: %d alert deliveries (%d distinct alerts, %d route keys): ingested in %.1f s"
            + " (%.0f alerts/s); all grouped %.1f s after the first request (%.0f alerts/s by the"
            + " wall clock); %d grouping transactions, %.1f s busy (%.0f alerts/s while grouping,"
            + " all instances of this consumer in the test's JVM)%n",
        deliveries,
        (long) KEYS * ALERTS_PER_KEY,
        KEYS,
        ingestSeconds,
        deliveries / ingestSeconds,
        groupSeconds,
        deliveries / groupSeconds,
        (long) batches,
        busy,
        busy > 0 ? deliveries / busy : 0);
  }

  /** The grouping consumer's batch timer, read from /q/metrics (Prometheus text). */
  private static Map<String, Double> groupingMetrics() {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Map<String, Double> m = new HashMap<>(Map.of("count", 0.0, "sum", 0.0));
    for (String line : text.split("\n")) {
      if (line.startsWith("firebell_detection_grouping_batches_seconds_count")) {
        m.put("count", Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      } else if (line.startsWith("firebell_detection_grouping_batches_seconds_sum")) {
        m.put("sum", Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    return m;
  }

  Set<String> strings(String sql, String param) throws Exception {
    Set<String> result = new HashSet<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(rs.getString(1));
        }
      }
    }
    return result;
  }

  long scalar(String sql, String param) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
