package io.firebell.bench;

import static io.firebell.client.Http.map;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.client.Alertmanager;
import io.firebell.client.Http;
import io.firebell.client.Integrations;
import io.firebell.client.OnCall;
import io.firebell.client.Receiver;
import io.firebell.client.Suite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 3, storm collapse: 100,000 distinct alerts over 200 route keys, sent as Alertmanager
 * sends them — payloads of 50 alerts, every group's notification sent twice (the re-send) — to a
 * route that pages and auto-declares. Counts the groups, pages and declarations that result (must
 * be exactly 200, at most 200, at most 200) and the time from the last accepted webhook until every
 * group holds all its 500 alerts.
 */
public final class StormCollapse implements Scenario {

  private static final int KEYS = 200;
  private static final int ALERTS_PER_KEY = 500;
  private static final int PER_PAYLOAD = 50;
  private static final int ROUNDS = 2;
  private static final int IN_FLIGHT = 16;

  @Override
  public String name() {
    return "storm";
  }

  @Override
  public List<Row> run(BenchContext ctx) throws Exception {
    Suite suite = ctx.suite();
    Http http = new Http();
    String run = "s" + Long.toString(System.currentTimeMillis(), 36);
    String admin = suite.token("admin");
    String viewer = suite.token("viewer");
    try (Receiver pages = new Receiver(null)) {
      String token =
          new Integrations(http, suite.detection(), admin)
              .create("bench-storm-" + run, "alertmanager");
      String person = "bench-oncall-" + run;
      OnCall onCall = new OnCall(http, suite.detection(), admin);
      onCall.person(person, "Storm on-call", pages.url("/pages"));
      String policy =
          onCall.policy("bench-" + run, List.of(OnCall.level("person", person, 86400)), 0);
      onCall.domain("bench", "benchmark storms", policy);
      http.post(
              suite.detection() + "/v1/routes",
              admin,
              map(
                  "name",
                  "bench-storm-" + run,
                  "position",
                  1,
                  "matchers",
                  List.of("bench_run=\"" + run + "\""),
                  "domain",
                  "bench",
                  "service",
                  "storm-svc",
                  "kind",
                  "system",
                  "groupBy",
                  List.of("storm_key"),
                  "autoDeclare",
                  true,
                  "page",
                  true,
                  "pageMinSeverity",
                  "critical"))
          .expect(201);

      // 200 keys × 10 payloads × 2 rounds, keys interleaved as parallel Alertmanager groups send
      List<String> bodies = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        for (int chunk = 0; chunk < ALERTS_PER_KEY / PER_PAYLOAD; chunk++) {
          for (int key = 0; key < KEYS; key++) {
            bodies.add(payload(run, key, chunk));
          }
        }
      }
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      Semaphore slots = new Semaphore(IN_FLIGHT);
      AtomicInteger errors = new AtomicInteger();
      List<CompletableFuture<?>> all = new ArrayList<>();
      long start = System.nanoTime();
      for (String body : bodies) {
        slots.acquire();
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(suite.detection() + "/v1/ingest/alertmanager"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        all.add(
            client
                .sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete(
                    (r, e) -> {
                      slots.release();
                      if (e != null || r.statusCode() != 202) {
                        errors.incrementAndGet();
                      }
                    }));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
      long sent = System.nanoTime();
      double sendSeconds = (sent - start) / 1e9;
      int receipts = bodies.size() * PER_PAYLOAD;

      // until every group of this run holds all its alerts
      Map<String, JsonNode> groups = new HashMap<>();
      long deadline = sent + Duration.ofMinutes(15).toNanos();
      boolean current = false;
      while (System.nanoTime() < deadline) {
        groups = groups(http, suite, viewer, run);
        current =
            groups.size() >= KEYS
                && groups.values().stream()
                    .allMatch(g -> g.path("alertCount").asInt() >= ALERTS_PER_KEY);
        if (current) {
          break;
        }
        Thread.sleep(500);
      }
      double catchUp = (System.nanoTime() - sent) / 1e9;
      Thread.sleep(5000); // late duplicates, pages and declarations would show now
      groups = groups(http, suite, viewer, run);
      long declared = groups.values().stream().filter(g -> g.hasNonNull("declaredAt")).count();
      long paged = groups.values().stream().filter(g -> g.hasNonNull("pagedAt")).count();
      int pageRequests =
          (int) pages.received().stream().filter(m -> m.path().equals("/pages")).count();
      Set<String> incidents = new HashSet<>();
      groups.values().stream()
          .filter(g -> g.hasNonNull("incidentId"))
          .forEach(g -> incidents.add(g.path("incidentId").asText()));
      resolve(http, suite, incidents);

      List<Row> rows = new ArrayList<>();
      rows.add(
          Row.info(
              "3 storm",
              "alerts sent",
              String.format(
                  "%,d receipts of %,d distinct alerts, %d keys, in %.1f s (%,.0f alerts/s), %d"
                      + " errors",
                  receipts,
                  KEYS * ALERTS_PER_KEY,
                  KEYS,
                  sendSeconds,
                  receipts / sendSeconds,
                  errors.get())));
      rows.add(
          Row.check(
              "3 storm",
              "alert groups",
              String.valueOf(groups.size()),
              "= 200",
              groups.size() == KEYS));
      rows.add(
          Row.check(
              "3 storm",
              "pages (groups paged / page webhooks received)",
              paged + " / " + pageRequests,
              "≤ 200",
              paged <= KEYS && pageRequests <= KEYS));
      rows.add(
          Row.check(
              "3 storm",
              "declarations (incidents opened)",
              declared + " (" + incidents.size() + ")",
              "≤ 200",
              declared <= KEYS && incidents.size() <= KEYS));
      rows.add(
          Row.check(
              "3 storm",
              "last accepted webhook → every group current",
              current ? String.format("%.1f s", catchUp) : "not current after 15 min",
              "exact collapse",
              current));
      return rows;
    }
  }

  private Map<String, JsonNode> groups(Http http, Suite suite, String viewer, String run) {
    Map<String, JsonNode> byKey = new HashMap<>();
    for (JsonNode g :
        http.items(suite.detection() + "/v1/alert-groups?domain=bench&limit=500", viewer)) {
      // the route key is "<domain>/<route name>:{group-by labels}" and the route is this run's
      if (g.path("routeKey").asText().contains("/bench-storm-" + run + ":")) {
        byKey.merge(g.path("id").asText(), g, (a, b) -> b);
      }
    }
    return byKey;
  }

  private static void resolve(Http http, Suite suite, Set<String> incidents) {
    for (String id : incidents) {
      http.post(
          suite.incident() + "/v1/incidents/" + id + "/transitions",
          suite.token("responder"),
          map("to", "resolved", "recoveryMethod", "other", "note", "benchmark storm"));
    }
  }

  private static String payload(String run, int key, int chunk) {
    List<Map<String, Object>> alerts = new ArrayList<>();
    String startsAt = Instant.now().minusSeconds(120).toString();
    for (int i = 0; i < PER_PAYLOAD; i++) {
      int n = chunk * PER_PAYLOAD + i;
      Map<String, Object> labels =
          map(
              "alertname",
              "StormAlert",
              "severity",
              "critical",
              "storm_key",
              "k" + key,
              "instance",
              "host-" + n,
              "bench_run",
              run);
      alerts.add(
          Alertmanager.alert(
              "firing",
              labels,
              map("summary", "storm key " + key + " instance " + n),
              startsAt,
              Alertmanager.STILL_FIRING,
              "http://prometheus:9090/graph",
              run + "-" + key + "-" + n));
    }
    return Alertmanager.payload(
        "{}:{storm_key=\"k" + key + "\"}",
        "firing",
        map("storm_key", "k" + key),
        map("bench_run", run, "storm_key", "k" + key),
        alerts);
  }
}
