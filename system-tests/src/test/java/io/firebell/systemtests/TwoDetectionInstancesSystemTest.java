package io.firebell.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.client.Alertmanager;
import io.firebell.client.Http;
import io.firebell.client.Integrations;
import io.firebell.client.JwtMinter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 3: two detection-service processes (different HTTP ports, one database, one consumer
 * group) ingest and group one storm, sent through both of them, with no duplicate group, page or
 * declaration. {@code firebell.alerts.v1} has 6 partitions (config/topics.tsv); the test first
 * waits until the consumer group has split them between the two instances (checked with Kafka's
 * consumer-group tool and with each instance's own count of grouped alerts), so that both group
 * concurrently; HA-pair copies are posted to both instances at the same instant.
 *
 * <p>A third instance, {@code c}, runs as {@code ./firebell up} runs detection-service (the same
 * row of config/components.tsv): it acknowledges alerts and serves the API with its grouping
 * consumer off ({@code FIREBELL_DETECTION_GROUPING_ENABLED=false}, ADR 0106). A third of the storm
 * goes through it; it never joins the alert topic's consumers, groups nothing, and what it
 * acknowledged is grouped by a and b like the rest.
 */
class TwoDetectionInstancesSystemTest {

  private static final String DB = "firebell_detection_twoinst";
  private static final Http HTTP = new Http();

  /** Alerts grouped by an instance (its inbox counts records, which hold up to 50 alerts). */
  private static final String GROUPED = "firebell_detection_grouping_alerts_total";

  private static final String OPENED = "io.firebell.alert-group.opened.v1";
  private static final String DECLARED = "io.firebell.alert-group.declaration-requested.v1";
  private static final int KEYS = 50;
  private static final int ALERTS_PER_KEY = 100;
  private static final int PER_PAYLOAD = 50;

  private static SuiteProcesses suite;
  private static SuiteProcesses.Service a;
  private static SuiteProcesses.Service b;
  private static SuiteProcesses.Service c;
  private static JwtMinter tokens;

  @BeforeAll
  static void startTwoInstances() throws Exception {
    tokens = JwtMinter.testKey(SuiteProcesses.ROOT);
    SuiteProcesses.freshDatabase("detection", DB);
    suite = new SuiteProcesses("twodet");
    suite.startFreshKafka();
    // Routes are cached per instance; a short refresh lets B see the route A creates.
    Map<String, String> env = Map.of("FIREBELL_DETECTION_ROUTE_REFRESH", "PT1S");
    // a and b start as config/components.tsv's detection-worker (grouping on; it ingests too).
    a = suite.startComponentInstance("detection-worker", "a", DB, env);
    b = suite.startComponentInstance("detection-worker", "b", DB, env);
    c = suite.startComponentInstance("detection-service", "c", DB, env);
  }

  @AfterAll
  static void stop() throws Exception {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void aStormThroughTwoInstancesMakesNoDuplicateGroupPageOrDeclaration() throws Exception {
    String admin = tokens.bearer("ada", "admin");
    String storm = UUID.randomUUID().toString().substring(0, 8);
    String domain = "storm" + storm;
    String policy =
        asAdmin(admin)
            .body(
                Map.of(
                    "name",
                    "storm-" + storm,
                    "levels",
                    List.of(
                        Map.of(
                            "targetType",
                            "person",
                            "target",
                            "sre@firebell.test",
                            "ackTimeoutSeconds",
                            600))))
            .post("/v1/escalation-policies")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    asAdmin(admin)
        .body(Map.of("escalationPolicyId", policy))
        .put("/v1/domains/" + domain)
        .then()
        .statusCode(201);
    asAdmin(admin)
        .body(
            Map.of(
                "name",
                "storm-" + storm,
                "position",
                1,
                "matchers",
                List.of("storm=\"" + storm + "\""),
                "domain",
                domain,
                "groupBy",
                List.of("alertname"),
                "autoDeclare",
                true,
                "page",
                true,
                "pageMinSeverity",
                "warning"))
        .post("/v1/routes")
        .then()
        .statusCode(201);
    String token = new Integrations(HTTP, a.url(), admin).create("am-" + storm, "alertmanager");

    awaitPartitionsSplit(token);
    Thread.sleep(2500); // both route caches (refresh PT1S) know the storm's route by now
    double aBefore = processed(a);
    double bBefore = processed(b);

    // The storm: 50 route keys x 100 alerts in payloads of 50 alerts of one key, three rounds,
    // alternating between the three instances; a tenth of the first round's payloads posted to a
    // and b at once.
    List<String> payloads = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      for (int start = 0; start < ALERTS_PER_KEY; start += PER_PAYLOAD) {
        List<String> alerts = new ArrayList<>();
        for (int i = start; i < start + PER_PAYLOAD; i++) {
          alerts.add(alert("Storm" + k, storm, storm + "-" + k + "-" + i));
        }
        payloads.add(payload(alerts));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> sent = new ArrayList<>();
    long copies = 0;
    long started = System.nanoTime();
    for (int round = 0; round < 3; round++) {
      for (int p = 0; p < payloads.size(); p++) {
        String body = payloads.get(p);
        if (round == 0 && p % 10 == 0) {
          CyclicBarrier together = new CyclicBarrier(2);
          for (SuiteProcesses.Service target : List.of(a, b)) {
            sent.add(
                pool.submit(
                    () -> {
                      together.await(30, TimeUnit.SECONDS);
                      return post(target, token, body);
                    }));
          }
          copies += PER_PAYLOAD;
        } else {
          SuiteProcesses.Service target = List.of(a, b, c).get((p + round) % 3);
          sent.add(pool.submit(() -> post(target, token, body)));
        }
      }
    }
    for (Future<Integer> f : sent) {
      assertThat(f.get()).isEqualTo(202);
    }
    pool.shutdown();
    long expectedReceives = 3L * KEYS * ALERTS_PER_KEY + copies;

    // Through the public API (either instance: they share the database).
    String viewer = tokens.bearer("vic", "viewer");
    long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
    List<Map<String, Object>> details = List.of();
    long receives = 0;
    while (System.nanoTime() < deadline) {
      details = details(viewer, domain);
      receives = details.stream().mapToLong(d -> counts(d).get("receives").longValue()).sum();
      if (receives >= expectedReceives) {
        break;
      }
      Thread.sleep(1000);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(receives).isEqualTo(expectedReceives);
    assertThat(details).hasSize(KEYS);
    for (Map<String, Object> d : details) {
      assertThat(counts(d).get("alerts").intValue()).isEqualTo(ALERTS_PER_KEY);
    }
    Set<String> groupIds = new HashSet<>();
    for (Map<String, Object> d : details) {
      @SuppressWarnings("unchecked")
      Map<String, Object> group = (Map<String, Object>) d.get("group");
      groupIds.add((String) group.get("id"));
    }
    assertThat(groupIds).hasSize(KEYS);
    int pages = 0;
    for (String id : groupIds) {
      List<Object> pagesOfGroup =
          given()
              .baseUri(b.url())
              .header("Authorization", viewer)
              .queryParam("alertGroupId", id)
              .get("/v1/pages")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("$");
      assertThat(pagesOfGroup).as("pages of group %s", id).hasSizeLessThanOrEqualTo(1);
      pages += pagesOfGroup.size();
    }
    assertThat(pages).isPositive().isLessThanOrEqualTo(KEYS);

    // Both instances grouped part of the storm.
    double byA = processed(a) - aBefore;
    double byB = processed(b) - bBefore;
    assertThat(byA).as("alerts grouped by instance a").isPositive();
    assertThat(byB).as("alerts grouped by instance b").isPositive();
    assertThat(byA + byB).isEqualTo((double) expectedReceives);
    assertThat(processed(c)).as("alerts grouped by the ingest-only instance c").isZero();

    // The detection topic, read from the beginning: one opened and one declaration per group.
    Map<String, Integer> opened = new HashMap<>();
    Map<String, Integer> declared = new HashMap<>();
    long topicDeadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < topicDeadline) {
      opened.clear();
      declared.clear();
      for (String[] event : detectionEvents()) {
        if (groupIds.contains(event[1])) {
          if (OPENED.equals(event[0])) {
            opened.merge(event[1], 1, Integer::sum);
          } else if (DECLARED.equals(event[0])) {
            declared.merge(event[1], 1, Integer::sum);
          }
        }
      }
      if (declared.size() >= KEYS && opened.size() >= KEYS) {
        break;
      }
    }
    assertThat(opened).hasSize(KEYS);
    assertThat(opened.values()).containsOnly(1);
    assertThat(declared).hasSize(KEYS);
    assertThat(declared.values()).containsOnly(1);
    System.out.printf(
        Locale.ROOT,
        "FIGURE two detection instances: %d alert deliveries (%d distinct, %d keys) through both,"
            + " grouped in %.1f s (a: %.0f, b: %.0f); %d groups, %d pages, %d declarations%n",
        expectedReceives,
        KEYS * ALERTS_PER_KEY,
        KEYS,
        seconds,
        byA,
        byB,
        groupIds.size(),
        pages,
        declared.size());
  }

  /**
   * Sends catch-all alerts over many route keys (so over all partitions) until both instances have
   * grouped some, then checks the consumer group's assignment: two members share the 6 partitions
   * of firebell.alerts.v1.
   */
  private static void awaitPartitionsSplit(String token) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    int round = 0;
    while (processed(a) == 0 || processed(b) == 0) {
      assertThat(System.nanoTime()).as("both instances grouping").isLessThan(deadline);
      List<String> alerts = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        alerts.add(alert("Warmup" + i, "none", "warmup-" + round + "-" + i));
      }
      post(round % 2 == 0 ? a : b, token, payload(alerts));
      round++;
      Thread.sleep(2000);
    }
    String group =
        suite.kafkaTool(
            Duration.ofSeconds(60),
            "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
            "--bootstrap-server",
            suite.bootstrap(),
            "--describe",
            "--group",
            "detection-service",
            "--members",
            "--verbose");
    System.out.println("consumer group detection-service:\n" + group);
    // Kafka 4 prints an assignment as "firebell.alerts.v1:0,1,2" (older tools: "(0,1,2)").
    Pattern alertsAssignment = Pattern.compile("firebell\\.alerts\\.v1[:(]([0-9,]+)");
    List<Set<String>> members = new ArrayList<>();
    for (String line : group.split("\n")) {
      Matcher m = alertsAssignment.matcher(line);
      if (m.find()) {
        members.add(new HashSet<>(List.of(m.group(1).split(","))));
      }
    }
    assertThat(members).as("members consuming firebell.alerts.v1 (a and b, never c)").hasSize(2);
    Set<String> all = new HashSet<>(members.get(0));
    all.addAll(members.get(1));
    assertThat(all).hasSize(6);
    assertThat(members.get(0)).doesNotContainAnyElementsOf(members.get(1));
  }

  /** (type, subject = record key) of every event on firebell.detection.v1 so far. */
  private static List<String[]> detectionEvents() throws Exception {
    String out =
        suite.kafkaTool(
            Duration.ofSeconds(90),
            "org.apache.kafka.tools.consumer.ConsoleConsumer",
            "--bootstrap-server",
            suite.bootstrap(),
            "--topic",
            "firebell.detection.v1",
            "--from-beginning",
            "--timeout-ms",
            "10000",
            "--property",
            "print.headers=true",
            "--property",
            "print.value=false");
    Pattern type = Pattern.compile("ce_type:([^,\\t]+)");
    Pattern subject = Pattern.compile("ce_subject:([^,\\t]+)");
    List<String[]> events = new ArrayList<>();
    for (String line : out.split("\n")) {
      Matcher t = type.matcher(line);
      Matcher s = subject.matcher(line);
      if (t.find() && s.find()) {
        events.add(new String[] {t.group(1).trim(), s.group(1).trim()});
      }
    }
    return events;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> details(String viewer, String domain) {
    List<Map<String, Object>> result = new ArrayList<>();
    List<Map<String, Object>> groups =
        given()
            .baseUri(a.url())
            .header("Authorization", viewer)
            .queryParam("domain", domain)
            .queryParam("limit", 500)
            .get("/v1/alert-groups")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items");
    for (Map<String, Object> g : groups) {
      result.add(
          given()
              .baseUri(b.url())
              .header("Authorization", viewer)
              .get("/v1/alert-groups/{id}", g.get("id"))
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getMap("$"));
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Number> counts(Map<String, Object> detail) {
    return (Map<String, Number>) detail.get("counts");
  }

  private static String alert(String alertname, String storm, String fingerprint) {
    return """
        {"status":"firing","labels":{"alertname":"%s","storm":"%s","instance":"%s","severity":"critical"},
         "annotations":{"summary":"%s"},"startsAt":"2026-03-12T10:00:00Z",
         "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus/x","fingerprint":"%s"}"""
        .formatted(alertname, storm, fingerprint, alertname, fingerprint);
  }

  private static String payload(List<String> alerts) {
    return """
        {"receiver":"firebell","status":"firing","alerts":[%s],
         "groupLabels":{"alertname":"x"},"commonLabels":{},"commonAnnotations":{},
         "externalURL":"http://alertmanager:9093","version":"4",
         "groupKey":"{}:{alertname=\\"x\\"}","truncatedAlerts":0}"""
        .formatted(String.join(",", alerts));
  }

  private static int post(SuiteProcesses.Service target, String token, String body) {
    return Alertmanager.send(HTTP, target.url(), token, body);
  }

  /** A JSON request to instance a with an admin's token ({@code Bearer …}). */
  private static RequestSpecification asAdmin(String admin) {
    return given().baseUri(a.url()).header("Authorization", admin).contentType(ContentType.JSON);
  }

  /** The instance's own count of grouped alerts (duplicates are not counted). */
  private static double processed(SuiteProcesses.Service s) {
    String metrics =
        given().baseUri(s.url()).get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(l -> l.startsWith(GROUPED + " ") || l.startsWith(GROUPED + "{"))
        .mapToDouble(
            l -> {
              String value =
                  l.contains("}") ? l.substring(l.indexOf('}') + 1) : l.substring(l.indexOf(' '));
              return Double.parseDouble(value.trim().split(" ")[0]);
            })
        .sum();
  }
}
