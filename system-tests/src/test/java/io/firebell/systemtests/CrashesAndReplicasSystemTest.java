package io.firebell.systemtests;

import static io.firebell.client.Http.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebell.client.Alertmanager;
import io.firebell.client.Http;
import io.firebell.client.Integrations;
import io.firebell.client.JwtMinter;
import io.firebell.client.OnCall;
import io.firebell.client.Receiver;
import io.firebell.client.StoryFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 19's fault scenarios "each service SIGKILLed mid-work" and "two replicas of every service",
 * on one suite started once: the five components of config/components.tsv (detection-service with
 * ingest only, the grouping worker, incident-, broadcast- and review-service) as processes, a
 * broker of their own, databases of their own and a webhook receiver that records every {@code
 * webhook-id}.
 *
 * <p>Each kill scenario loads one component, kills it with SIGKILL while the load is running,
 * starts it again on the same port and then checks, in the services' databases (JDBC) and at the
 * receiver, that nothing acknowledged is lost and nothing is done twice. Each scenario routes its
 * alerts to a domain of its own, so its counts are its own. The last scenario starts a second
 * instance of every component on the same databases and broker and puts the same kind of load on
 * both.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashesAndReplicasSystemTest {

  private static final Http HTTP = new Http();
  private static final String INGEST = "detection-service";
  private static final String WORKER = "detection-worker";
  private static final String INCIDENT = "incident-service";
  private static final String BROADCAST = "broadcast-service";
  private static final String REVIEW = "review-service";

  private static final String DETECTION_DB = "firebell_detection_crash";
  private static final String INCIDENT_DB = "firebell_incident_crash";
  private static final String BROADCAST_DB = "firebell_broadcast_crash";
  private static final String REVIEW_DB = "firebell_review_crash";
  private static final Map<String, String> DATABASES =
      Map.of(
          INGEST, DETECTION_DB,
          WORKER, DETECTION_DB,
          INCIDENT, INCIDENT_DB,
          BROADCAST, BROADCAST_DB,
          REVIEW, REVIEW_DB);

  /** Requests broadcast-service sends at once: small, so that a fan-out lasts a few seconds. */
  private static final int MAX_IN_FLIGHT = 10;

  /** How long the receiver takes to answer each webhook. */
  private static final long ANSWER_MS = 20;

  private static final Map<String, Map<String, String>> ENVIRONMENT =
      Map.of(
          // Routes are cached per instance: a short refresh lets every instance see the routes
          // the set-up creates through one of them.
          // Pages go to the test's receiver on 127.0.0.1, which the outbound guard refuses unless
          // allow-listed.
          INGEST,
              Map.of(
                  "FIREBELL_DETECTION_ROUTE_REFRESH", "PT1S",
                  "FIREBELL_OUTBOUND_ALLOW_LIST", "127.0.0.1/32"),
          WORKER,
              Map.of(
                  "FIREBELL_DETECTION_ROUTE_REFRESH", "PT1S",
                  "FIREBELL_OUTBOUND_ALLOW_LIST", "127.0.0.1/32"),
          INCIDENT, Map.of(),
          BROADCAST,
              Map.of(
                  "FIREBELL_OUTBOUND_ALLOW_LIST", "127.0.0.1/32",
                  "FIREBELL_BROADCAST_DELIVERY_MAX_IN_FLIGHT", String.valueOf(MAX_IN_FLIGHT),
                  "FIREBELL_BROADCAST_DELIVERY_TIMEOUT", "2s",
                  "FIREBELL_BROADCAST_DELIVERY_LEASE_MARGIN", "3s"),
          REVIEW, Map.of());

  private static final String DECLARATION_REQUESTED =
      "io.firebell.alert-group.declaration-requested.v1";
  private static final String GROUP_OPENED = "io.firebell.alert-group.opened.v1";
  private static final String INCIDENT_DECLARED = "io.firebell.incident.declared.v1";
  private static final String REPORT_DRAFTED = "io.firebell.report.drafted.v1";

  private static final String PAGES = "/pages/oncall";

  private static SuiteProcesses suite;
  private static Receiver receiver;
  private static final Map<String, SuiteProcesses.Service> first = new ConcurrentHashMap<>();
  private static final Map<String, SuiteProcesses.Service> second = new ConcurrentHashMap<>();
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  private static String admin;
  private static String responder;
  private static String viewer;
  private static String reviewer;
  private static String integration;

  @BeforeAll
  static void startSuite() throws Exception {
    JwtMinter tokens = JwtMinter.testKey(SuiteProcesses.ROOT);
    admin = tokens.mint("ada", "admin");
    responder = tokens.mint("rhea", "responder");
    viewer = tokens.mint("vic", "viewer");
    reviewer = tokens.mint("remy", "reviewer");
    for (String service : List.of("detection", "incident", "broadcast", "review")) {
      SuiteProcesses.freshDatabase(service, "firebell_" + service + "_crash");
    }
    suite = new SuiteProcesses("crash");
    suite.startFreshKafka();
    startEveryComponent("a", first);
    receiver = new Receiver();
    receiver.scriptOthers(n -> Receiver.Answer.slow(204, ANSWER_MS));

    integration = new Integrations(HTTP, url(INGEST), admin).create("crash-" + RUN, "alertmanager");
    OnCall onCall = new OnCall(HTTP, url(INGEST), admin);
    onCall.person("crash-oncall", "Crash on-call", receiver.url(PAGES));
    String policy =
        onCall.policy("crash-" + RUN, List.of(OnCall.level("person", "crash-oncall", 600)), 0);
    for (String scenario : List.of("ingest", "worker", "declare", "fanout", "replicas")) {
      onCall.domain(domain(scenario), "Crash scenario " + scenario, policy);
      HTTP.post(
              url(INGEST) + "/v1/routes",
              admin,
              map(
                  "name",
                  "crash-" + scenario + "-" + RUN,
                  "position",
                  1,
                  "matchers",
                  List.of("scenario=\"" + scenario + RUN + "\""),
                  "domain",
                  domain(scenario),
                  "groupBy",
                  List.of("alertname"),
                  "autoDeclare",
                  true,
                  "page",
                  true,
                  "pageMinSeverity",
                  "warning"))
          .expect(201);
    }
    Thread.sleep(2500); // every instance's route cache (refresh PT1S) knows the routes by now
  }

  @AfterAll
  static void stopSuite() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
    if (suite != null) {
      suite.close();
    }
  }

  /**
   * detection-service killed while two senders post alerts: a sender that loses its connection (or
   * gets a 5xx) sends the same payload again, as Alertmanager does. Every alert acknowledged with
   * 202 is stored, once; the groups, pages and incidents are exact.
   */
  @Test
  @Order(1)
  void detectionServiceKilledDuringIngest() throws Exception {
    int keys = 10;
    int payloadsPerSender = 60;
    int perPayload = 20;
    Set<String> acked = ConcurrentHashMap.newKeySet();
    AtomicInteger ackedPayloads = new AtomicInteger();
    AtomicInteger resends = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(2);
    List<Future<?>> sending = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      int sender = s;
      sending.add(
          senders.submit(
              () -> {
                for (int p = 0; p < payloadsPerSender; p++) {
                  List<String> ids = new ArrayList<>();
                  for (int i = 0; i < perPayload; i++) {
                    ids.add("ingest-" + sender + "-" + p + "-" + i);
                  }
                  resends.addAndGet(send(url(INGEST), payload("ingest", "Ingest" + p % keys, ids)));
                  acked.addAll(ids);
                  ackedPayloads.incrementAndGet();
                }
                return null;
              }));
    }
    Restart restart = killWhen(INGEST, ackedPayloads::get, 20);
    awaitAll(sending);
    senders.shutdown();

    assertThat(restart.progressAtKill())
        .as("the kill lands mid-ingest")
        .isLessThan(2 * payloadsPerSender);
    Set<String> sent = new HashSet<>(acked);
    assertThat(sent).hasSize(2 * payloadsPerSender * perPayload);
    List<String> groups = awaitExactGroups("ingest", keys, sent.size() / keys);
    List<String> stored = strings(DETECTION_DB, ALERTS_OF_DOMAIN, domain("ingest"));
    assertThat(stored).doesNotHaveDuplicates();
    assertThat(new HashSet<>(stored)).isEqualTo(sent);
    awaitOneIncidentAndPagePerGroup(groups);
    figure(
        "detection-service SIGKILLed during ingest after %d of %d payloads were acknowledged:"
            + " %d alerts sent by 2 senders (%d sends repeated after a refused or broken"
            + " connection), %d acknowledged with 202, %d stored (%d duplicates); %d groups,"
            + " %d incidents, %d pages; restarted in %.1f s",
        restart.progressAtKill(),
        2 * payloadsPerSender,
        sent.size(),
        resends.get(),
        acked.size(),
        stored.size(),
        stored.size() - new HashSet<>(stored).size(),
        groups.size(),
        groups.size(),
        groups.size(),
        restart.seconds());
  }

  /**
   * The grouping worker killed while it groups a storm that detection-service keeps acknowledging:
   * what it had consumed but not committed is consumed again after the restart and applied once.
   */
  @Test
  @Order(2)
  void workerKilledDuringGrouping() throws Exception {
    int keys = 20;
    int perKey = 250;
    int perPayload = 50;
    ExecutorService senders = Executors.newFixedThreadPool(4);
    List<Future<?>> sending = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      for (int start = 0; start < perKey; start += perPayload) {
        List<String> ids = new ArrayList<>();
        for (int i = start; i < start + perPayload; i++) {
          ids.add("worker-" + k + "-" + i);
        }
        String body = payload("worker", "Worker" + k, ids);
        // Paced (4 senders, one payload each per 200 ms: about 1,000 alerts/s for 5 s), so the
        // storm is still arriving when the kill lands: an idle worker groups faster than the
        // senders could otherwise be watched (CI once saw all 5,000 stored before the kill).
        sending.add(
            senders.submit(
                () -> {
                  Thread.sleep(200);
                  return send(url(INGEST), body);
                }));
      }
    }
    Restart restart =
        killWhen(WORKER, () -> count(DETECTION_DB, COUNT_ALERTS, domain("worker")), 1000);
    awaitAll(sending);
    senders.shutdown();

    List<String> groups = awaitExactGroups("worker", keys, perKey);
    awaitOneIncidentAndPagePerGroup(groups);
    assertOncePerKey(DETECTION_DB, GROUP_OPENED, groups);
    assertOncePerKey(DETECTION_DB, DECLARATION_REQUESTED, groups);
    figure(
        "grouping worker SIGKILLed during grouping with %d of %d alerts stored: afterwards %d"
            + " groups of exactly %d alerts, 1 opened and 1 declaration event per group, %d"
            + " incidents, %d pages; restarted in %.1f s",
        restart.progressAtKill(),
        keys * perKey,
        groups.size(),
        perKey,
        groups.size(),
        groups.size(),
        restart.seconds());
    assertThat(restart.progressAtKill()).as("the kill lands mid-storm").isLessThan(keys * perKey);
  }

  /**
   * incident-service killed while alert groups keep asking for declarations: every group gets one
   * incident, declared once, and detection learns of each.
   */
  @Test
  @Order(3)
  void incidentServiceKilledDuringDeclarations() throws Exception {
    int keys = 40;
    ExecutorService sender = Executors.newSingleThreadExecutor();
    Future<?> sending =
        sender.submit(
            () -> {
              for (int k = 0; k < keys; k++) {
                send(url(INGEST), payload("declare", "Declare" + k, List.of("declare-" + k)));
                Thread.sleep(50);
              }
              return null;
            });
    Restart restart =
        killWhen(INCIDENT, () -> count(INCIDENT_DB, COUNT_INCIDENTS, domain("declare")), 5);
    sending.get();
    sender.shutdown();

    List<String> groups = awaitExactGroups("declare", keys, 1);
    List<String> incidents = awaitOneIncidentAndPagePerGroup(groups);
    assertOncePerKey(INCIDENT_DB, INCIDENT_DECLARED, incidents);
    await("detection links every group to its incident")
        .atMost(Duration.ofSeconds(180))
        .until(
            () ->
                count(
                        DETECTION_DB,
                        "select count(*) from alert_group where domain = ? and incident_id is null",
                        domain("declare"))
                    == 0);
    figure(
        "incident-service SIGKILLed during declarations with %d of %d incidents declared:"
            + " afterwards %d incidents, one per group, each declared once; restarted in %.1f s",
        restart.progressAtKill(), keys, incidents.size(), restart.seconds());
    assertThat(restart.progressAtKill()).as("the kill lands mid-declarations").isLessThan(keys);
  }

  /**
   * broadcast-service killed during the fan-out of ten fire alarms to a hundred webhook endpoints:
   * every endpoint gets each alarm, at least once, and always under the same {@code webhook-id}.
   */
  @Test
  @Order(4)
  void broadcastServiceKilledDuringFanOut() throws Exception {
    int keys = 10;
    int endpoints = 100;
    String prefix = "/alarm/";
    subscribeEndpoints("fanout", prefix, endpoints);
    AtomicInteger answered = new AtomicInteger();
    receiver.onAnswered(
        m -> {
          if (m.path().startsWith(prefix)) {
            answered.incrementAndGet();
          }
        });
    for (int k = 0; k < keys; k++) {
      send(url(INGEST), payload("fanout", "Fanout" + k, List.of("fanout-" + k)));
    }
    Restart restart = killWhen(BROADCAST, answered::get, keys * endpoints / 4);

    List<String> groups = awaitExactGroups("fanout", keys, 1);
    List<String> incidents = awaitOneIncidentAndPagePerGroup(groups);
    Deliveries deliveries = awaitDeliveries(prefix, endpoints, keys);
    assertThat(oneAnnouncementPerIncident(incidents)).hasSize(keys);
    figure(
        "broadcast-service SIGKILLed during a fan-out of %d fire alarms to %d endpoints after %d"
            + " of %d answers: afterwards every endpoint got every alarm, %d webhook-ids arrived"
            + " twice (always the same id for the same delivery, bound %d in flight + one result"
            + " batch); restarted in %.1f s",
        keys,
        endpoints,
        restart.progressAtKill(),
        keys * endpoints,
        deliveries.arrivedTwice(),
        MAX_IN_FLIGHT,
        restart.seconds());
    assertThat(restart.progressAtKill())
        .as("the kill lands mid-fan-out")
        .isLessThan(keys * endpoints);
    // Re-sent: only answers not recorded at the kill (in flight, or in the batch being written).
    assertThat(deliveries.arrivedTwice()).isLessThanOrEqualTo(MAX_IN_FLIGHT + 80);
  }

  /**
   * review-service killed while it drafts the reports of incidents being resolved: each resolved
   * incident has its report, drafted once.
   */
  @Test
  @Order(5)
  void reviewServiceKilledDuringReportDrafting() throws Exception {
    int count = 30;
    List<String> incidents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      incidents.add(declareByHand(url(INCIDENT), "Crash review " + i));
    }
    await("review-service knows the incidents")
        .atMost(Duration.ofSeconds(180))
        .until(
            () ->
                count(
                        REVIEW_DB,
                        "select count(*) from incident_fact where incident_id::text = any(?)",
                        incidents)
                    == count);
    ExecutorService resolver = Executors.newSingleThreadExecutor();
    Future<?> resolving =
        resolver.submit(
            () -> {
              for (String id : incidents) {
                resolve(url(INCIDENT), id);
              }
              return null;
            });
    Restart restart = killWhen(REVIEW, () -> reports(incidents), 5);
    resolving.get();
    resolver.shutdown();

    await("a report for every resolved incident")
        .atMost(Duration.ofSeconds(180))
        .until(() -> reports(incidents) == count);
    assertOncePerKey(REVIEW_DB, REPORT_DRAFTED, incidents);
    figure(
        "review-service SIGKILLed during report drafting with %d of %d reports drafted:"
            + " afterwards %d reports, each drafted once; restarted in %.1f s",
        restart.progressAtKill(), count, reports(incidents), restart.seconds());
    assertThat(restart.progressAtKill()).as("the kill lands mid-drafting").isLessThan(count);
  }

  /**
   * A second instance of every component on the same databases and broker (two ingest instances,
   * two workers, two relays and two dispatchers per service): a storm sent to both ingest instances
   * at once, incidents resolved and reviews scheduled through both instances at once.
   */
  @Test
  @Order(6)
  void twoReplicasOfEveryServiceDoNothingTwice() throws Exception {
    long started = System.nanoTime();
    startEveryComponent("b", second);
    double startSeconds = (System.nanoTime() - started) / 1e9;
    int keys = 20;
    int perKey = 50;
    int perPayload = 25;
    int endpoints = 30;
    String prefix = "/replica/";
    subscribeEndpoints("replicas", prefix, endpoints);
    Thread.sleep(2500); // the new instances' route caches

    // Every payload goes to both ingest instances at the same instant, as an HA pair sends it.
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> sending = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      for (int start = 0; start < perKey; start += perPayload) {
        List<String> ids = new ArrayList<>();
        for (int i = start; i < start + perPayload; i++) {
          ids.add("replicas-" + k + "-" + i);
        }
        String body = payload("replicas", "Replicas" + k, ids);
        CyclicBarrier together = new CyclicBarrier(2);
        for (Map<String, SuiteProcesses.Service> instance : List.of(first, second)) {
          String target = instance.get(INGEST).url();
          sending.add(
              pool.submit(
                  () -> {
                    together.await(30, TimeUnit.SECONDS);
                    return send(target, body);
                  }));
        }
      }
    }
    awaitAll(sending);

    List<String> groups = awaitExactGroups("replicas", keys, perKey);
    List<String> incidents = awaitOneIncidentAndPagePerGroup(groups);
    assertOncePerKey(DETECTION_DB, DECLARATION_REQUESTED, groups);
    // Counted once every endpoint has every alarm: an incident's announcement is written by
    // broadcast-service after the incident commits, so counting earlier races the last ones.
    Deliveries deliveries = awaitDeliveries(prefix, endpoints, keys);
    assertThat(oneAnnouncementPerIncident(incidents)).hasSize(keys);
    Map<String, Long> pages = arrivals(m -> m.path().equals(PAGES) && pageOf(m, groups));
    assertThat(pages).hasSize(keys);

    // Resolved through either instance; each review asked of both instances at the same instant.
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < incidents.size(); i++) {
      resolve((i % 2 == 0 ? first : second).get(INCIDENT).url(), incidents.get(i));
    }
    await("a report for every resolved incident")
        .atMost(Duration.ofSeconds(180))
        .until(() -> reports(incidents) == keys);
    assertOncePerKey(REVIEW_DB, REPORT_DRAFTED, incidents);
    for (String id : incidents) {
      CyclicBarrier together = new CyclicBarrier(2);
      for (Map<String, SuiteProcesses.Service> instance : List.of(first, second)) {
        String target = instance.get(REVIEW).url();
        answers.add(
            pool.submit(
                () -> {
                  together.await(30, TimeUnit.SECONDS);
                  return HTTP.post(target + "/v1/reviews", reviewer, map("incidentId", id))
                      .status();
                }));
      }
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> answer : answers) {
      statuses.add(answer.get());
    }
    pool.shutdown();
    Map<String, Long> meetings =
        perKey(
            REVIEW_DB,
            "select incident_id::text, count(*) from review_meeting where incident_id::text ="
                + " any(?) group by incident_id",
            incidents);
    figure(
        "two replicas of every component (second set started in %.1f s): %d alerts (%d keys)"
            + " sent to both ingest instances at once; %d groups, %d incidents, %d pages (%d"
            + " arrived twice), %d deliveries (%d arrived twice), %d reports, %d review meetings"
            + " from %d schedule requests (%d answered 201, %d answered 409)",
        startSeconds,
        keys * perKey,
        keys,
        groups.size(),
        incidents.size(),
        pages.size(),
        pages.values().stream().filter(n -> n > 1).count(),
        deliveries.distinct(),
        deliveries.arrivedTwice(),
        reports(incidents),
        meetings.values().stream().mapToLong(Long::longValue).sum(),
        statuses.size(),
        statuses.stream().filter(s -> s == 201).count(),
        statuses.stream().filter(s -> s == 409).count());
    // Without a crash, the same webhook-id goes again only after an attempt timed out (a slow,
    // loaded machine): at-least-once, bounded by what can be in flight.
    assertThat(deliveries.arrivedTwice())
        .as("deliveries sent again")
        .isLessThanOrEqualTo(2L * MAX_IN_FLIGHT);
    assertThat(meetings).as("review meetings per incident").hasSize(keys);
    assertThat(meetings.values()).as("review meetings per incident").containsOnly(1L);
    assertThat(statuses).containsOnly(201, 409);
    assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(keys);
  }

  // --- the suite ---------------------------------------------------------------------------

  /**
   * The component's environment here: its own, and a longer wait for a database connection (when
   * other builds load the machine and PostgreSQL, the 5 s default failed Flyway at start-up).
   */
  private static Map<String, String> environment(String component) {
    Map<String, String> env = new HashMap<>(ENVIRONMENT.get(component));
    env.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "PT60S");
    // Two instances of five components share one PostgreSQL (max_connections 100 by default): at
    // the platform's 20 reactive connections each, a busy second set ran out of slots at start.
    env.put("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", "4");
    return env;
  }

  /** Starts an instance of each component, all at once, and waits until every one is ready. */
  private static void startEveryComponent(
      String instance, Map<String, SuiteProcesses.Service> started) throws Exception {
    List<String> components = List.of(INGEST, WORKER, INCIDENT, BROADCAST, REVIEW);
    ExecutorService starters = Executors.newFixedThreadPool(components.size());
    Map<String, Future<SuiteProcesses.Service>> starting = new LinkedHashMap<>();
    for (String component : components) {
      starting.put(
          component,
          starters.submit(
              () ->
                  suite.startComponentInstance(
                      component, instance, DATABASES.get(component), environment(component))));
    }
    starters.shutdown();
    for (Map.Entry<String, Future<SuiteProcesses.Service>> e : starting.entrySet()) {
      started.put(e.getKey(), e.getValue().get());
    }
  }

  private static String url(String component) {
    return first.get(component).url();
  }

  /**
   * A kill: how far the load had got when the process died, and how long the component took to be
   * ready again.
   */
  private record Restart(long progressAtKill, double seconds) {}

  /**
   * Kills the first instance of {@code component} with SIGKILL as soon as the load's {@code
   * progress} reaches {@code atLeast} (the load runs meanwhile), and starts it again on the same
   * port.
   */
  private static Restart killWhen(String component, LongSupplier progress, long atLeast)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (progress.getAsLong() < atLeast) {
      assertThat(System.nanoTime()).as("%s gets to mid-work", component).isLessThan(deadline);
      Thread.sleep(10);
    }
    SuiteProcesses.Service killed = first.get(component);
    long at = System.nanoTime();
    SuiteProcesses.kill(killed);
    long progressAtKill = progress.getAsLong();
    first.put(component, suite.restart(killed));
    return new Restart(progressAtKill, (System.nanoTime() - at) / 1e9);
  }

  // --- the load ----------------------------------------------------------------------------

  private static String domain(String scenario) {
    return "crash-" + scenario + "-" + RUN;
  }

  /** An Alertmanager notification of the alerts {@code ids} (one route key: {@code alertname}). */
  private static String payload(String scenario, String alertname, List<String> ids) {
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (String id : ids) {
      Map<String, Object> labels = new LinkedHashMap<>();
      labels.put("alertname", alertname);
      labels.put("scenario", scenario + RUN);
      labels.put("instance", id);
      labels.put("severity", "critical");
      alerts.add(
          Alertmanager.alert(
              "firing",
              labels,
              map("summary", alertname + " on " + id),
              "2026-03-12T10:00:00Z",
              Alertmanager.STILL_FIRING,
              "http://prometheus/x",
              id));
    }
    return Alertmanager.payload(
        "{}:{alertname=\"" + alertname + "\"}",
        "firing",
        map("alertname", alertname),
        map("alertname", alertname, "scenario", scenario + RUN),
        alerts);
  }

  /**
   * Sends a notification until it is acknowledged with 202, as Alertmanager does: again after a
   * refused or broken connection or a 5xx. Returns how many times it was sent again.
   */
  private static int send(String detection, String body) throws InterruptedException {
    // Long enough to outlast a restart of detection-service on a loaded machine.
    long deadline = System.nanoTime() + Duration.ofSeconds(400).toNanos();
    for (int again = 0; ; again++) {
      try {
        int status = Alertmanager.send(HTTP, detection, integration, body);
        if (status == 202) {
          return again;
        }
        assertThat(status).as("ingest answers 202, or 5xx while it cannot").isGreaterThan(499);
      } catch (StoryFailure refusedOrBroken) {
        // The process is down or died mid-request: the sender cannot know, so it sends again.
      }
      assertThat(System.nanoTime()).as("acknowledged within 400 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static String declareByHand(String incidentService, String title) {
    return HTTP.post(
            incidentService + "/v1/incidents",
            responder,
            map("title", title, "service", "crash-api", "severity", "SEV2"))
        .expect(201)
        .text("id");
  }

  private static Void resolve(String incidentService, String incidentId) {
    HTTP.post(
            incidentService + "/v1/incidents/" + incidentId + "/transitions",
            responder,
            map("to", "resolved", "recoveryMethod", "restart", "note", "crash scenario"))
        .expect(200);
    return null;
  }

  /** {@code count} webhook endpoints at {@code prefix<n>}, hearing the scenario's fire alarms. */
  private static void subscribeEndpoints(String scenario, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      String endpoint =
          HTTP.post(
                  url(BROADCAST) + "/v1/endpoints",
                  admin,
                  map(
                      "name",
                      scenario + " #" + i + " " + RUN,
                      "kind",
                      "webhook",
                      "url",
                      receiver.url(prefix + i)))
              .expect(201)
              .text("id");
      HTTP.post(
              url(BROADCAST) + "/v1/subscriptions",
              admin,
              map(
                  "audience",
                  "dev_org",
                  "endpointId",
                  endpoint,
                  "domains",
                  List.of(domain(scenario))))
          .expect(201);
    }
  }

  private static void awaitAll(List<? extends Future<?>> futures) throws Exception {
    for (Future<?> f : futures) {
      f.get(180, TimeUnit.SECONDS);
    }
  }

  // --- what the services did ----------------------------------------------------------------

  private static final String ALERTS_OF_DOMAIN =
      "select a.labels->>'instance' from alert a join alert_group g on g.id = a.alert_group_id"
          + " where g.domain = ?";
  private static final String COUNT_ALERTS =
      "select count(*) from alert a join alert_group g on g.id = a.alert_group_id"
          + " where g.domain = ?";
  private static final String COUNT_INCIDENTS =
      "select count(*) from incident where ? = any(domains)";

  /**
   * Waits until the scenario's alerts are grouped — {@code keys} groups of {@code perKey} alerts —
   * and returns the groups' ids.
   */
  private static List<String> awaitExactGroups(String scenario, int keys, int perKey) {
    String sql =
        "select g.id::text, count(a.id) from alert_group g left join alert a on a.alert_group_id"
            + " = g.id where g.domain = ? group by g.id";
    await(scenario + ": " + keys + " groups of " + perKey + " alerts")
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Map<String, Long> groups = perKey(DETECTION_DB, sql, domain(scenario));
              return groups.size() >= keys
                  && groups.values().stream().mapToLong(Long::longValue).sum() >= keys * perKey;
            });
    Map<String, Long> groups = perKey(DETECTION_DB, sql, domain(scenario));
    assertThat(groups).as("groups of %s", scenario).hasSize(keys);
    assertThat(groups.values()).as("alerts per group of %s", scenario).containsOnly((long) perKey);
    return List.copyOf(groups.keySet());
  }

  /**
   * Waits until every group has its incident and its page, and checks there is one of each per
   * group (the page delivered to the receiver); returns the incidents' ids.
   */
  private static List<String> awaitOneIncidentAndPagePerGroup(List<String> groups) {
    String incidentsSql =
        "select alert_group_id::text, count(*) from incident where alert_group_id::text = any(?)"
            + " group by alert_group_id";
    await("an incident for each of " + groups.size() + " groups")
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> perKey(INCIDENT_DB, incidentsSql, groups).size() == groups.size());
    assertThat(perKey(INCIDENT_DB, incidentsSql, groups).values()).containsOnly(1L);
    // A page claimed by a killed instance goes again when its lease (60 s) runs out.
    await("the page of each of " + groups.size() + " groups at the receiver")
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                arrivals(m -> m.path().equals(PAGES) && pageOf(m, groups)).size() == groups.size());
    assertThat(
            perKey(
                    DETECTION_DB,
                    "select alert_group_id::text, count(*) from page where alert_group_id::text ="
                        + " any(?) group by alert_group_id",
                    groups)
                .values())
        .as("pages per group")
        .containsOnly(1L);
    return strings(
        INCIDENT_DB, "select id::text from incident where alert_group_id::text = any(?)", groups);
  }

  private static boolean pageOf(Receiver.Message m, List<String> groups) {
    return groups.stream().anyMatch(m::mentions);
  }

  /** The announcements (fire alarms) per incident: there must be one each. */
  private static Map<String, Long> oneAnnouncementPerIncident(List<String> incidents) {
    Map<String, Long> announcements =
        perKey(
            BROADCAST_DB,
            "select incident_id::text, count(*) from announcement where incident_id::text = any(?)"
                + " group by incident_id",
            incidents);
    assertThat(announcements.values()).as("announcements per incident").containsOnly(1L);
    return announcements;
  }

  private static long reports(List<String> incidents) {
    return count(
        REVIEW_DB, "select count(*) from report where incident_id::text = any(?)", incidents);
  }

  /** One event of {@code type} in a service's outbox for each of {@code keys}, none twice. */
  private static void assertOncePerKey(String db, String type, List<String> keys) {
    Map<String, Long> events = eventsPerKey(db, type, keys);
    assertThat(events).as("keys with a %s event", type).hasSize(keys.size());
    assertThat(events.values()).as("%s events per key", type).containsOnly(1L);
  }

  /** The events of {@code type} in a service's outbox, counted per record key. */
  private static Map<String, Long> eventsPerKey(String db, String type, List<String> keys) {
    return perKey(
        db,
        "select record_key, count(*) from outbox_message where event_type = '"
            + type
            + "' and record_key = any(?) group by record_key",
        keys);
  }

  /** The webhook-ids of the messages that match, with how often each arrived. */
  private static Map<String, Long> arrivals(Predicate<Receiver.Message> match) {
    return receiver.received().stream()
        .filter(match)
        .collect(Collectors.groupingBy(Receiver.Message::webhookId, Collectors.counting()));
  }

  /** What {@code count} endpoints at {@code prefix<n>} received. */
  private record Deliveries(long distinct, long arrivedTwice) {}

  /**
   * Waits until each of the {@code count} endpoints at {@code prefix<n>} has {@code messages}
   * different webhook-ids, then checks that none gets more: a delivery sent again keeps its id.
   */
  private static Deliveries awaitDeliveries(String prefix, int count, int messages)
      throws InterruptedException {
    await(count + " endpoints with " + messages + " messages each")
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                idsPerEndpoint(prefix).size() == count
                    && idsPerEndpoint(prefix).values().stream()
                        .allMatch(ids -> ids.size() >= messages));
    Thread.sleep(3_000); // a delivery sent again (after a lease ran out) would arrive by now
    Map<String, Set<String>> ids = idsPerEndpoint(prefix);
    assertThat(ids.values())
        .as("different webhook-ids per endpoint")
        .allSatisfy(set -> assertThat(set).hasSize(messages));
    Map<String, Long> arrived = arrivals(m -> m.path().startsWith(prefix));
    return new Deliveries(arrived.size(), arrived.values().stream().filter(n -> n > 1).count());
  }

  private static Map<String, Set<String>> idsPerEndpoint(String prefix) {
    Map<String, Set<String>> ids = new HashMap<>();
    for (Receiver.Message m : receiver.received()) {
      if (m.path().startsWith(prefix)) {
        ids.computeIfAbsent(m.path(), p -> new HashSet<>()).add(m.webhookId());
      }
    }
    return ids;
  }

  // --- JDBC ---------------------------------------------------------------------------------

  private static long count(String db, String sql, Object parameter) {
    return query(
        db,
        sql,
        parameter,
        rows -> {
          rows.next();
          return rows.getLong(1);
        });
  }

  private static List<String> strings(String db, String sql, Object parameter) {
    return query(
        db,
        sql,
        parameter,
        rows -> {
          List<String> values = new ArrayList<>();
          while (rows.next()) {
            values.add(rows.getString(1));
          }
          return values;
        });
  }

  /** Two-column rows (key, count) as a map. */
  private static Map<String, Long> perKey(String db, String sql, Object parameter) {
    return query(
        db,
        sql,
        parameter,
        rows -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          while (rows.next()) {
            counts.put(rows.getString(1), rows.getLong(2));
          }
          return counts;
        });
  }

  private interface Rows<T> {
    T read(ResultSet rows) throws Exception;
  }

  /** One query with one parameter: a value, or a list of strings (bound as {@code text[]}). */
  private static <T> T query(String db, String sql, Object parameter, Rows<T> read) {
    try (Connection c =
            DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "");
        PreparedStatement s = c.prepareStatement(sql)) {
      if (parameter instanceof List<?> list) {
        s.setArray(1, c.createArrayOf("text", list.toArray()));
      } else {
        s.setObject(1, parameter);
      }
      try (ResultSet rows = s.executeQuery()) {
        return read.read(rows);
      }
    } catch (Exception e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static void figure(String format, Object... args) {
    System.out.println("FIGURE crash: " + String.format(Locale.ROOT, format, args));
  }
}
