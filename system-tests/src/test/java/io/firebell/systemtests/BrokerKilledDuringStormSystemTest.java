package io.firebell.systemtests;

import static io.firebell.client.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.client.Alertmanager;
import io.firebell.client.Http;
import io.firebell.client.Integrations;
import io.firebell.client.JwtMinter;
import io.firebell.client.Receiver;
import io.firebell.client.StoryFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's fault scenario "broker killed three times": a storm of 20,000 alerts over 20 route
 * keys, sent by two concurrent senders that retry on 503 and on connection errors as Alertmanager
 * does, while the broker is SIGKILLed and restarted on its storage three times. Detection answers
 * 503 with {@code Retry-After} while the broker is down, its readiness goes DOWN and back UP, its
 * liveness and its database-backed API keep answering; and afterwards every alert acknowledged with
 * 202 is stored by the grouping worker (compared by fingerprint in the detection database), the
 * groups are exactly one per route key, each was declared into exactly one incident, and every
 * incident's fire alarm was delivered to the internal receiver.
 */
class BrokerKilledDuringStormSystemTest {

  private static final Http HTTP = new Http();
  private static final String DETECTION_DB = "firebell_detection_brokerkill";
  private static final String INCIDENT_DB = "firebell_incident_brokerkill";
  private static final String BROADCAST_DB = "firebell_broadcast_brokerkill";
  private static final int KEYS = 20;
  private static final int ALERTS_PER_KEY = 1_000;
  private static final int PER_PAYLOAD = 50;
  private static final int KILLS = 3;

  private static SuiteProcesses suite;
  private static SuiteProcesses.Service detection;
  private static SuiteProcesses.Service incident;
  private static SuiteProcesses.Service broadcast;
  private static Receiver receiver;
  private static JwtMinter tokens;

  @BeforeAll
  static void start() throws Exception {
    tokens = JwtMinter.testKey(SuiteProcesses.ROOT);
    SuiteProcesses.freshDatabase("detection", DETECTION_DB);
    SuiteProcesses.freshDatabase("incident", INCIDENT_DB);
    SuiteProcesses.freshDatabase("broadcast", BROADCAST_DB);
    suite = new SuiteProcesses("brokerkill");
    suite.startFreshKafka();
    // One detection process that ingests and groups: a route it creates is in its cache at once.
    detection = suite.startComponent("detection-worker", DETECTION_DB, Map.of());
    incident = suite.startService("incident", INCIDENT_DB, Map.of());
    broadcast =
        suite.startService(
            "broadcast", BROADCAST_DB, Map.of("FIREBELL_OUTBOUND_ALLOW_LIST", "127.0.0.1/32"));
    receiver = new Receiver();
  }

  @AfterAll
  static void stop() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void everyAcknowledgedAlertIsStoredGroupedDeclaredAndAnnouncedOnce() throws Exception {
    String admin = tokens.mint("ada", "admin");
    String run = "k" + Long.toString(System.currentTimeMillis(), 36);
    String domain = "brokerkill-" + run;
    String token = setUp(admin, run, domain);

    ConcurrentLinkedQueue<String> payloads = new ConcurrentLinkedQueue<>();
    for (int k = 0; k < KEYS; k++) {
      for (int start = 0; start < ALERTS_PER_KEY; start += PER_PAYLOAD) {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (int i = start; i < start + PER_PAYLOAD; i++) {
          alerts.add(alert(run, k, run + "-" + k + "-" + i));
        }
        payloads.add(
            Alertmanager.payload(
                "{}:{alertname=\"Storm" + k + "\"}",
                "firing",
                map("alertname", "Storm" + k),
                map("alertname", "Storm" + k, "storm", run),
                alerts));
      }
    }
    int total = payloads.size();
    Senders senders = new Senders(token);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    long started = System.nanoTime();
    List<Future<?>> sending = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      sending.add(pool.submit(() -> senders.sendAll(payloads)));
    }
    List<String> outages = new ArrayList<>();
    for (int kill = 1; kill <= KILLS; kill++) {
      int threshold = total * kill / (KILLS + 1);
      while (senders.accepted.get() < threshold) {
        for (Future<?> f : sending) {
          if (f.isDone()) {
            f.get(); // a sender that failed fails the test here
          }
        }
        Thread.sleep(50);
      }
      outages.add(outage(domain));
    }
    for (Future<?> f : sending) {
      f.get();
    }
    pool.shutdown();
    double sendSeconds = (System.nanoTime() - started) / 1e9;

    assertThat(senders.acknowledged).hasSize(KEYS * ALERTS_PER_KEY);
    assertThat(senders.unavailable.get()).as("503 answers while the broker was down").isPositive();
    assertThat(senders.withoutRetryAfter.get()).as("503 answers without Retry-After").isZero();

    // Stored: every acknowledged fingerprint, in exactly one group per route key.
    Set<String> stored = new HashSet<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      stored =
          strings(
              DETECTION_DB,
              "select a.dedup_key from alert a join alert_group g"
                  + " on g.id = a.alert_group_id where g.domain = '"
                  + domain
                  + "'");
      if (stored.size() >= senders.acknowledged.size()) {
        break;
      }
      Thread.sleep(1000);
    }
    double storedSeconds = (System.nanoTime() - started) / 1e9;
    assertThat(stored).isEqualTo(senders.acknowledged);
    Set<String> groups =
        strings(DETECTION_DB, "select id::text from alert_group where domain = '" + domain + "'");
    assertThat(groups).hasSize(KEYS);
    assertThat(
            strings(
                DETECTION_DB, "select route_key from alert_group where domain = '" + domain + "'"))
        .hasSize(KEYS);

    // One incident per group, and its fire alarm delivered.
    Set<String> incidents = Set.of();
    Set<String> announced = Set.of();
    deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      incidents =
          strings(
              INCIDENT_DB,
              "select id::text from incident where alert_group_id::text in ("
                  + quoted(groups)
                  + ")");
      announced =
          strings(
              BROADCAST_DB,
              "select distinct incident_id::text from delivery"
                  + " where status = 'succeeded' and audience = 'dev_org'");
      if (incidents.size() >= KEYS && announced.containsAll(incidents)) {
        break;
      }
      Thread.sleep(1000);
    }
    assertThat(count(INCIDENT_DB, "select count(*) from incident")).isEqualTo(KEYS);
    assertThat(incidents).hasSize(KEYS);
    assertThat(announced).containsAll(incidents);
    assertThat(receiver.received("/slack/" + run)).hasSizeGreaterThanOrEqualTo(KEYS);

    System.out.printf(
        Locale.ROOT,
        "FIGURE broker killed %d times during a storm: %,d alerts over %d route keys in %,d"
            + " payloads by 2 senders; %,d acknowledged (202), %,d answers 503 (all with"
            + " Retry-After, slowest %d ms), %,d connection errors; sent in %.1f s, all %,d stored"
            + " %.1f s after the first request; %d groups, %d incidents, %d fire alarms delivered;"
            + " outages: %s%n",
        KILLS,
        KEYS * ALERTS_PER_KEY,
        KEYS,
        total,
        senders.acknowledged.size(),
        senders.unavailable.get(),
        senders.slowest503Millis.get(),
        senders.connectionErrors.get(),
        sendSeconds,
        stored.size(),
        storedSeconds,
        groups.size(),
        incidents.size(),
        announced.size(),
        String.join("; ", outages));
  }

  /**
   * One outage: SIGKILL, readiness DOWN, liveness and a database-backed read answering meanwhile,
   * restart on the same storage, readiness UP again. Returns its figures.
   */
  private static String outage(String domain) throws Exception {
    long killed = System.nanoTime();
    suite.killKafka();
    while (detection.status("/q/health/ready") != 503) {
      assertThat(Duration.ofNanos(System.nanoTime() - killed))
          .as("readiness DOWN after the broker was killed")
          .isLessThan(Duration.ofSeconds(30));
      Thread.sleep(100);
    }
    long down = System.nanoTime();
    assertThat(detection.status("/q/health/live")).isEqualTo(200);
    String viewer = tokens.mint("vic", "viewer");
    assertThat(HTTP.get(detection.url() + "/v1/alert-groups?domain=" + domain, viewer).status())
        .isEqualTo(200);
    Thread.sleep(2000);
    long restarting = System.nanoTime();
    suite.startKafka();
    long restarted = System.nanoTime();
    while (detection.status("/q/health/ready") != 200) {
      assertThat(Duration.ofNanos(System.nanoTime() - restarted))
          .as("readiness UP after the broker restarted")
          .isLessThan(Duration.ofSeconds(60));
      Thread.sleep(100);
    }
    long up = System.nanoTime();
    return String.format(
        Locale.ROOT,
        "DOWN %d ms after the kill, broker restart took %d ms, UP %d ms after it",
        (down - killed) / 1_000_000,
        (restarted - restarting) / 1_000_000,
        (up - restarted) / 1_000_000);
  }

  /** Two senders that retry each payload until it is acknowledged, as Alertmanager does. */
  private static final class Senders {
    final String token;
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger withoutRetryAfter = new AtomicInteger();
    final AtomicInteger connectionErrors = new AtomicInteger();
    final AtomicLong slowest503Millis = new AtomicLong();

    Senders(String token) {
      this.token = token;
    }

    void sendAll(ConcurrentLinkedQueue<String> payloads) {
      String body;
      while ((body = payloads.poll()) != null) {
        send(body);
      }
    }

    private void send(String body) {
      while (true) {
        long start = System.nanoTime();
        Http.Response r;
        try {
          r = HTTP.post(detection.url() + Alertmanager.INGEST_PATH, token, body);
        } catch (StoryFailure connectionError) {
          connectionErrors.incrementAndGet();
          pause(500);
          continue;
        }
        if (r.status() == 202) {
          acknowledged.addAll(fingerprints(body));
          accepted.incrementAndGet();
          return;
        }
        assertThat(r.status()).as("ingest answer: %s", r.body()).isEqualTo(503);
        unavailable.incrementAndGet();
        slowest503Millis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
        String retryAfter = r.header("Retry-After").orElse(null);
        if (retryAfter == null) {
          withoutRetryAfter.incrementAndGet();
        }
        pause(retryAfter == null ? 1000 : Long.parseLong(retryAfter.trim()) * 1000);
      }
    }
  }

  /** The fingerprints of a payload's alerts. */
  private static List<String> fingerprints(String body) {
    List<String> fingerprints = new ArrayList<>();
    try {
      Http.JSON
          .readTree(body)
          .path("alerts")
          .forEach(a -> fingerprints.add(a.path("fingerprint").asText()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return fingerprints;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A route that auto-declares each group of the storm, an internal receiver subscribed to the
   * domain's fire alarms, and an Alertmanager integration; returns its token.
   */
  private static String setUp(String admin, String run, String domain) {
    HTTP.put(detection.url() + "/v1/domains/" + domain, admin, map("description", "broker kills"))
        .expect(200, 201);
    HTTP.post(
            detection.url() + "/v1/routes",
            admin,
            map(
                "name",
                "brokerkill-" + run,
                "position",
                1,
                "matchers",
                List.of("storm=\"" + run + "\""),
                "domain",
                domain,
                "service",
                "order-api",
                "kind",
                "system",
                "groupBy",
                List.of("alertname"),
                "autoDeclare",
                true,
                "page",
                false))
        .expect(201);
    String endpoint =
        HTTP.post(
                broadcast.url() + "/v1/endpoints",
                admin,
                map(
                    "name",
                    "brokerkill-" + run,
                    "kind",
                    "slack",
                    "url",
                    receiver.url("/slack/" + run)))
            .expect(201)
            .text("id");
    HTTP.post(
            broadcast.url() + "/v1/subscriptions",
            admin,
            map("audience", "dev_org", "endpointId", endpoint, "domains", List.of(domain)))
        .expect(201);
    return new Integrations(HTTP, detection.url(), admin)
        .create("brokerkill-" + run, "alertmanager");
  }

  private static Map<String, Object> alert(String run, int key, String fingerprint) {
    return Alertmanager.alert(
        "firing",
        map(
            "alertname",
            "Storm" + key,
            "storm",
            run,
            "instance",
            fingerprint,
            "severity",
            "critical"),
        map("summary", "Storm" + key + " on " + fingerprint),
        "2026-03-12T10:00:00Z",
        Alertmanager.STILL_FIRING,
        "http://prometheus:9090/graph",
        fingerprint);
  }

  private static Set<String> strings(String database, String sql) throws Exception {
    Set<String> values = new HashSet<>();
    try (Connection c = connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static long count(String database, String sql) throws Exception {
    try (Connection c = connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Connection connect(String database) throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
  }

  private static String quoted(Set<String> values) {
    return values.isEmpty()
        ? "''"
        : String.join(",", values.stream().map(v -> "'" + v + "'").toList());
  }
}
