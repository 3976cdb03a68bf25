package io.firebell.detection;

import static io.firebell.detection.MetricFixtures.ADMIN;
import static io.firebell.detection.MetricFixtures.VIEWER;
import static io.firebell.detection.MetricFixtures.groups;
import static io.firebell.detection.MetricFixtures.watch;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.client.Receiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A watch queries a real Prometheus server end to end (issue 18): Prometheus scrapes an exporter
 * page the test controls every second, over four weeks of history backfilled with promtool; the
 * watch's scheduled evaluations call {@code /api/v1/query_range} through the outbound guard (the
 * test allow-lists 127.0.0.1), alert on a drop, resolve on recovery, go blind when Prometheus is
 * stopped and see again when it is back.
 */
@QuarkusTest
class PrometheusWatchTest {

  private static final long WEEK = Duration.ofDays(7).toSeconds();

  @Test
  void aWatchQueriesARealPrometheusAndAlertsGoesBlindAndRecovers() throws Exception {
    String u = UUID.randomUUID().toString().substring(0, 8);
    String metric = "shop_orders_per_minute_" + u;
    String domain = "prom" + u;
    String service = "checkout-" + u;
    long now = Instant.now().getEpochSecond();
    // The same hours 1-4 weeks ago sold about 100 orders a minute (97, 99, 101, 103).
    try (Receiver receiver = new Receiver();
        PrometheusServer prometheus =
            new PrometheusServer(
                metric,
                t -> {
                  // Only around this time of day (half an hour before to 90 minutes after), in the
                  // weeks the baseline reads: a few blocks, which promtool writes in a second.
                  long k = Math.round((now - t) / (double) WEEK);
                  long offset = t - (now - k * WEEK);
                  return k >= 1 && k <= 4 && offset >= -1800 && offset <= 5400
                      ? 95.0 + 2 * k
                      : null;
                },
                now - 4 * WEEK - 3600,
                now - WEEK + 3 * 3600)) {
      prometheus.serve(metric, 100);
      prometheus.start();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> prometheus.query("sum(" + metric + ")").contains("\"100\""));
      MetricFixtures.pagedDomain(domain, service, receiver, "oncall-" + u);
      String id =
          watch(
              """
              {"name":"orders-%s","metric":"%s","domain":"%s","service":"%s",
               "source":{"type":"prometheus","url":"%s","query":"sum(%s)"},
               "interval":"PT2S","baseline":{"weeks":4,"minWeeks":4},
               "drop":{"percent":70,"consecutive":2}}"""
                  .formatted(u, metric, domain, service, prometheus.url(), metric));
      try {
        // Scheduled evaluations see the live value and the four weeks before it.
        Map<String, Object> ok = awaitEvaluation(id, "ok");
        assertThat(ok.get("trigger")).isEqualTo("scheduled");
        assertThat(number(ok.get("observed"))).isEqualTo(100.0);
        assertThat(((List<?>) ok.get("history")).stream().map(PrometheusWatchTest::number))
            .containsExactly(97.0, 99.0, 101.0, 103.0);
        assertThat(number(ok.get("baseline"))).isEqualTo(100.0);

        prometheus.serve(metric, 20);
        awaitWatch(id, "firing", "drop");
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> !groups(service).getList("items").isEmpty());
        String group = groups(service).getString("items[0].id");
        JsonPath detail =
            given()
                .header("Authorization", VIEWER)
                .get("/v1/alert-groups/" + group)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(detail.getString("group.kind")).isEqualTo("business");
        assertThat(detail.getString("alerts[0].annotations.observed")).isEqualTo("20");
        assertThat(detail.getString("alerts[0].annotations.baseline")).isEqualTo("100");
        assertThat(detail.getString("alerts[0].links.query"))
            .startsWith(prometheus.url() + "/graph?g0.expr=sum%28" + metric + "%29");

        prometheus.serve(metric, 100);
        awaitWatch(id, "firing", null);
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> "resolved".equals(groupStatus(group)));

        // Prometheus goes away: the watch is blind, and says so with its own alert.
        prometheus.stop();
        awaitWatch(id, "blind", true);
        Map<String, Object> blind = awaitEvaluation(id, "blind");
        assertThat((String) blind.get("error")).contains("unreachable");
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    groups(service).getList("items.labels.alertname").contains("MetricWatchBlind"));
        prometheus.start();
        awaitWatch(id, "blind", false);
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    groups(service).getList("items", Map.class).stream()
                        .allMatch(g -> "resolved".equals(g.get("status"))));
        assertThat(groups(service).getList("items")).hasSize(2);
      } finally {
        given().header("Authorization", ADMIN).delete("/v1/metric-watches/" + id);
      }
    }
  }

  private static Double number(Object n) {
    return n == null ? null : ((Number) n).doubleValue();
  }

  private static Map<String, Object> awaitEvaluation(String id, String outcome) {
    List<Map<String, Object>> found = new java.util.ArrayList<>();
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonPath e =
                  given()
                      .header("Authorization", VIEWER)
                      .queryParam("limit", 1)
                      .get("/v1/metric-watches/" + id + "/evaluations")
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath();
              List<Object> all = e.getList("");
              if (!all.isEmpty() && outcome.equals(e.getString("[0].outcome"))) {
                found.add(e.getMap("[0]"));
                return true;
              }
              return false;
            });
    return found.get(0);
  }

  private static void awaitWatch(String id, String field, Object value) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Object v =
                  given()
                      .header("Authorization", VIEWER)
                      .get("/v1/metric-watches/" + id)
                      .then()
                      .statusCode(200)
                      .extract()
                      .path(field);
              return value == null ? v == null : value.equals(v);
            });
  }

  private static String groupStatus(String id) {
    return given()
        .header("Authorization", VIEWER)
        .get("/v1/alert-groups/" + id)
        .then()
        .extract()
        .path("group.status");
  }
}
