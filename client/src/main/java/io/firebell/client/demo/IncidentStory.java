package io.firebell.client.demo;

import static io.firebell.client.Http.map;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.client.Alertmanager;
import io.firebell.client.Http;
import io.firebell.client.Integrations;
import io.firebell.client.OnCall;
import io.firebell.client.Receiver;
import io.firebell.client.StoryFailure;
import io.firebell.client.Suite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The whole story of one incident, told through the four services' public APIs only: set up
 * domains, on-call, routes, the service catalog and stakeholder endpoints; a config change three
 * hours before; an Alertmanager storm and a burst of CS inquiries; the auto-declared SEV2 and its
 * fire alarm; roles; an external update with the three things stakeholders need; the rollback; the
 * resolution; the report, its 5 Whys and action items; the review meeting; the numbers. Every step
 * checks its outcome and throws {@link StoryFailure} when it is not what it should be, so the demo
 * and the end-to-end test are the same code.
 */
public final class IncidentStory {

  /** What the story leaves behind. */
  public record Result(
      String incidentId,
      String reference,
      Duration timeToAnnounce,
      Path calendarFile,
      JsonNode metrics,
      Duration elapsed) {}

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** The demo's follow-up actions: what happens to failed orders and their payments. */
  private static final List<String> FOLLOW_UP =
      List.of(
          "Orders that failed are cancelled automatically; their payments are refunded within"
              + " 3 business days",
          "Store owners get the list of affected orders from the partner portal");

  /** What the set-up leaves for later steps. */
  private record SetUp(String monitoringToken, String changeVersion) {}

  /** The incident the storm declared. */
  private record Declared(String incidentId, String reference) {}

  private final Suite suite;
  private final Receiver receiver;
  private final Path workDir;
  private final Consumer<String> say;
  private final Http http = new Http();
  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private final String admin;
  private final String responder;
  private final String communicator;
  private final String reviewer;
  private final String viewer;

  public IncidentStory(Suite suite, Receiver receiver, Path workDir, Consumer<String> say) {
    this.suite = suite;
    this.receiver = receiver;
    this.workDir = workDir;
    this.say = say;
    this.admin = suite.token("admin");
    this.responder = suite.token("responder");
    this.communicator = suite.token("communicator");
    this.reviewer = suite.token("reviewer");
    this.viewer = suite.token("viewer");
  }

  public Result run() throws IOException {
    long started = System.nanoTime();
    SetUp setUp = setUp();
    long accepted = storm(setUp.monitoringToken());
    Declared declared = awaitDeclaration();
    Duration timeToAnnounce = fireAlarm(declared, accepted);
    assignRoles(declared);
    postUpdate(declared);
    rollBack(declared, setUp.changeVersion());
    resolve(declared, setUp.monitoringToken());
    fillInReport(declared);
    Path calendar = scheduleReview(declared);
    JsonNode metrics = numbers();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return new Result(
        declared.incidentId(), declared.reference(), timeToAnnounce, calendar, metrics, elapsed);
  }

  /**
   * 1. Domains, on-call, routes, the service catalog, a config change three hours before and the
   * stakeholders' endpoints with their subscriptions.
   */
  private SetUp setUp() {
    say.accept(
        "1. Setting up: domains order, review, payment; on-call; routes; services; stakeholders");
    String monitoringToken =
        new Integrations(http, suite.detection(), admin)
            .create("demo-alertmanager-" + run, "alertmanager");
    OnCall onCall = new OnCall(http, suite.detection(), admin);
    for (String person : List.of("jihoon.park", "seoyeon.lee")) {
      String path = "/pages/" + person;
      String secret = onCall.person(person, person, receiver.url(path));
      receiver.secret(path, secret);
    }
    String schedule =
        http.post(
                suite.detection() + "/v1/schedules",
                admin,
                map(
                    "name",
                    "order-primary-" + run,
                    "timeZone",
                    "Asia/Seoul",
                    "members",
                    List.of("jihoon.park", "seoyeon.lee"),
                    "rotationLength",
                    "P7D",
                    "handoffTime",
                    "10:00",
                    "startsOn",
                    LocalDate.now().minusDays(3).toString()))
            .expect(201)
            .text("id");
    String policy =
        onCall.policy(
            "order-" + run,
            List.of(
                OnCall.level("schedule", schedule, 300),
                OnCall.level("person", "seoyeon.lee", 600)),
            1);
    for (String[] d :
        List.of(
            new String[] {"order", "Ordering: cart, checkout and the order API"},
            new String[] {"review", "Reviews and ratings"},
            new String[] {"payment", "Payments and refunds"})) {
      onCall.domain(d[0], d[1], policy);
    }
    ensureRoute(
        admin,
        map(
            "name",
            "demo-order-api",
            "position",
            1,
            "matchers",
            List.of("domain=\"order\"", "alertname=~\"OrderApi.*\""),
            "domain",
            "order",
            "service",
            "order-api",
            "kind",
            "system",
            "groupBy",
            List.of("domain", "demo_run"),
            "autoDeclare",
            true,
            "page",
            true,
            "pageMinSeverity",
            "critical"));
    ensureRoute(
        admin,
        map(
            "name",
            "demo-order-cs",
            "position",
            2,
            "matchers",
            List.of("alertname=\"cs_inquiry\"", "service=~\"order-.*\""),
            "domain",
            "order",
            "kind",
            "cs_inquiry",
            "groupBy",
            List.of("app_platform", "app_version"),
            "autoDeclare",
            false,
            "page",
            false));
    catalog(responder, "order-api", "order", "order-team", List.of("payment-api", "coupon-api"));
    catalog(responder, "coupon-api", "order", "order-team", List.of());
    catalog(responder, "payment-api", "payment", "payment-team", List.of("payment-db"));
    catalog(responder, "review-api", "review", "review-team", List.of("order-api"));
    Instant changedAt = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    String changeVersion = "cfg-1.42-" + run;
    http.post(
            suite.incident() + "/v1/changes",
            responder,
            map(
                "kind", "config",
                "service", "order-api",
                "summary", "order-api: DB connection pool 40 → 20",
                "version", changeVersion,
                "fromVersion", "cfg-1.41",
                "author", "minsu.kim",
                "occurredAt", changedAt.toString()))
        .expect(201);
    say.accept(
        "   a config change to order-api was recorded at "
            + changedAt
            + " (3 hours ago): DB pool 40 → 20");

    Map<String, String> endpointOf = new LinkedHashMap<>();
    endpointOf.put("dev_org", endpoint(admin, "dev-org-chat", "slack", "/slack/dev-org"));
    endpointOf.put("cs", endpoint(admin, "cs-desk", "webhook", "/hooks/cs-desk"));
    endpointOf.put(
        "store_owners", endpoint(admin, "store-owner-portal", "webhook", "/hooks/store-owners"));
    endpointOf.put("customers", endpoint(admin, "customer-app", "webhook", "/hooks/customers"));
    for (Map.Entry<String, String> e : endpointOf.entrySet()) {
      http.post(
              suite.broadcast() + "/v1/subscriptions",
              admin,
              map("audience", e.getKey(), "endpointId", e.getValue(), "domains", List.of("order")))
          .expect(201);
    }
    say.accept(
        "   stakeholders: dev_org (Slack), cs (webhook) inside; store_owners, customers (signed"
            + " webhooks) outside — all at the demo receiver");
    return new SetUp(monitoringToken, changeVersion);
  }

  /**
   * 2. Alertmanager's storm (each notification sent twice at once, as HA pairs do, three times) and
   * a burst of CS inquiries; returns when the first notification was accepted.
   */
  private long storm(String monitoringToken) {
    say.accept("2. Alert storm: Alertmanager re-sends latency and 5xx alerts for the order domain");
    String firing = alertmanagerPayload("firing");
    long accepted = 0;
    for (int round = 0; round < 3; round++) {
      // Alertmanager HA pairs send the same notification twice at once
      CompletableFuture<Http.Response> twin =
          CompletableFuture.supplyAsync(
              () ->
                  http.post(
                      suite.detection() + "/v1/ingest/alertmanager", monitoringToken, firing));
      http.post(suite.detection() + "/v1/ingest/alertmanager", monitoringToken, firing).expect(202);
      if (accepted == 0) {
        accepted = System.nanoTime();
      }
      twin.join().expect(202);
    }
    for (int i = 0; i < 6; i++) {
      http.post(
              suite.detection() + "/v1/inquiries",
              responder,
              map(
                  "channel", i % 2 == 0 ? "chat" : "phone",
                  "service", "order-api",
                  "category", "order_failed",
                  "appPlatform", "ios",
                  "appVersion", "12.3.0",
                  "text", "My order failed at checkout (iOS app 12.3.0), case " + (i + 1)))
          .expect(201);
    }
    say.accept("   6 alerts × 3 re-sends × 2 HA senders, and 6 CS inquiries from iOS 12.3.0");
    return accepted;
  }

  /** 3. The storm collapses into one alert group that auto-declares a SEV2 incident. */
  private Declared awaitDeclaration() {
    JsonNode detail = awaitGroup(viewer);
    JsonNode group = detail.path("group");
    String incidentId = group.path("incidentId").asText();
    JsonNode incident =
        http.get(suite.incident() + "/v1/incidents/" + incidentId, viewer).expect(200).json();
    String reference = incident.path("reference").asText();
    require(
        "SEV2".equals(incident.path("severity").asText()),
        "the auto-declared incident should be SEV2, is " + incident.path("severity"));
    require(
        detail.path("counts").path("alerts").asInt() == 6,
        "the storm should collapse into one group of 6 alerts, got " + detail.path("counts"));
    say.accept(
        "3. One alert group ("
            + detail.path("counts").path("alerts").asInt()
            + " alerts, "
            + detail.path("counts").path("receives").asLong()
            + " receives) auto-declared "
            + reference
            + " ("
            + incident.path("severity").asText()
            + "): "
            + incident.path("title").asText());
    return new Declared(incidentId, reference);
  }

  /**
   * 4. The fire alarm reaches the internal audiences (not the external ones) and the on-call is
   * paged; returns the time from the accepted webhook to the alarm at the receiver.
   */
  private Duration fireAlarm(Declared declared, long accepted) {
    String reference = declared.reference();
    Receiver.Message alarm =
        receiver
            .await(
                m -> m.path().equals("/slack/dev-org") && m.mentions(reference),
                1,
                WAIT,
                "the fire alarm at the dev_org Slack channel")
            .get(0);
    Duration timeToAnnounce = Duration.ofNanos(alarm.nanos() - accepted);
    receiver.await(
        m -> m.path().equals("/hooks/cs-desk") && m.mentions(reference),
        1,
        WAIT,
        "the fire alarm at the CS desk");
    require(
        receiver.received().stream()
            .noneMatch(
                m ->
                    (m.path().equals("/hooks/customers") || m.path().equals("/hooks/store-owners"))
                        && m.mentions(reference)),
        "the fire alarm must not reach external audiences");
    say.accept(
        "4. Fire alarm at dev_org and the CS desk "
            + timeToAnnounce.toMillis()
            + " ms after Alertmanager's webhook was accepted; nothing sent outside yet");
    receiver.await(m -> m.path().startsWith("/pages/"), 1, WAIT, "the page to the on-call");
    say.accept(
        "   the order domain's on-call was paged at "
            + receiver.received().stream()
                .filter(m -> m.path().startsWith("/pages/"))
                .reduce((a, b) -> b)
                .map(Receiver.Message::path)
                .orElse("?"));
    return timeToAnnounce;
  }

  /** 5. Commander, recovery lead and communications lead (never the recovery lead). */
  private void assignRoles(Declared declared) {
    String incidentId = declared.incidentId();
    String roles = suite.incident() + "/v1/incidents/" + incidentId + "/roles/";
    http.put(roles + "commander", responder, map("person", "seoyeon.lee")).expect(200);
    http.put(roles + "recovery_lead", responder, map("person", "jihoon.park")).expect(200);
    http.put(roles + "communications_lead", responder, map("person", suite.communicatorName()))
        .expect(200);
    say.accept(
        "5. Roles: commander seoyeon.lee, recovery lead jihoon.park, communications lead "
            + suite.communicatorName()
            + " (recovery and communication are never the same person)");
  }

  /**
   * 6. An external update without the three things stakeholders need is refused; the complete one
   * reaches the customer app and the store-owner portal, signed.
   */
  private void postUpdate(Declared declared) {
    String incidentId = declared.incidentId();
    String reference = declared.reference();
    String updates = updatesUrl(incidentId);
    Http.Response incomplete =
        http.post(
                updates,
                communicator,
                map(
                    "status", "identified",
                    "impact", "Some customers cannot place orders",
                    "audiences", List.of("customers")))
            .expect(422);
    say.accept(
        "6. An update to customers without expected recovery and follow-up is refused: "
            + Http.abbreviate(incomplete.text("detail")));
    Instant expected = Instant.now().plus(40, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
    http.post(
            updates,
            communicator,
            map(
                "status",
                "identified",
                "impact",
                "Some customers cannot place orders in the app; orders may fail at checkout.",
                "expectedRecoveryAt",
                expected.toString(),
                "followUpActions",
                FOLLOW_UP,
                "audiences",
                List.of("customers", "store_owners", "cs")))
        .expect(201);
    List<Receiver.Message> external =
        receiver.await(
            m ->
                (m.path().equals("/hooks/customers") || m.path().equals("/hooks/store-owners"))
                    && (m.mentions(incidentId) || m.mentions(reference)),
            2,
            WAIT,
            "the update at the customer app and the store-owner portal");
    require(
        external.stream().allMatch(m -> "valid".equals(m.signature())),
        "external webhooks must carry a valid Standard Webhooks signature");
    say.accept(
        "   the update (status, expected recovery "
            + expected
            + ", follow-up) reached the customer app and the store-owner portal, signatures"
            + " verified");
  }

  /** 7. The config change is a rollback candidate; the recovery lead rolls it back. */
  private void rollBack(Declared declared, String changeVersion) {
    String incidentId = declared.incidentId();
    JsonNode candidates =
        http.get(suite.incident() + "/v1/incidents/" + incidentId + "/rollback-candidates", viewer)
            .expect(200)
            .json();
    JsonNode change = null;
    for (JsonNode c : candidates.path("candidates")) {
      if (changeVersion.equals(c.path("change").path("version").asText())) {
        change = c;
      }
    }
    require(change != null, "the config change should be a rollback candidate: " + candidates);
    http.post(
            suite.incident() + "/v1/incidents/" + incidentId + "/actions",
            responder,
            map(
                "kind", "rollback",
                "summary", "order-api config back to cfg-1.41 (DB pool 40)",
                "service", "order-api",
                "changeId", change.path("change").path("id").asText(),
                "targetVersion", "cfg-1.41",
                "author", "jihoon.park",
                "status", "done"))
        .expect(201);
    say.accept(
        "7. Rollback candidate found: "
            + change.path("change").path("summary").asText()
            + " ("
            + change.path("before").asText()
            + " before the incident, "
            + change.path("reason").asText()
            + "); the recovery lead rolled it back");
  }

  /** 8. Monitoring, the alerts resolve, the incident is resolved and customers are told. */
  private void resolve(Declared declared, String monitoringToken) {
    String incidentId = declared.incidentId();
    String updates = updatesUrl(incidentId);
    String transitions = suite.incident() + "/v1/incidents/" + incidentId + "/transitions";
    http.post(transitions, responder, map("to", "identified")).expect(200);
    http.post(transitions, responder, map("to", "monitoring")).expect(200);
    http.post(
            suite.detection() + "/v1/ingest/alertmanager",
            monitoringToken,
            alertmanagerPayload("resolved"))
        .expect(202);
    http.post(
            transitions,
            responder,
            map("to", "resolved", "recoveryMethod", "rollback", "note", "p99 back under 300 ms"))
        .expect(200);
    http.post(
            updates,
            communicator,
            map(
                "status",
                "resolved",
                "impact",
                "Ordering works normally again.",
                "expectedRecoveryAt",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                "followUpActions",
                FOLLOW_UP,
                "audiences",
                List.of("customers", "store_owners", "cs")))
        .expect(201);
    say.accept(
        "8. Monitoring, then resolved (recovery method: rollback); customers told it is over");
  }

  /** 9. The drafted report gets its cause, 5 Whys and action items, and is published. */
  private void fillInReport(Declared declared) {
    String incidentId = declared.incidentId();
    String report = suite.review() + "/v1/reports/" + incidentId;
    Http.Response draft = awaitStatus(report, reviewer, 200);
    say.accept(
        "9. The report drafted itself: "
            + draft.json().path("timeline").size()
            + " timeline entries, time to resolve "
            + draft.json().path("facts").path("secondsToResolve").asText("?")
            + " s");
    http.patch(
            report,
            reviewer,
            map(
                "cause",
                "A config change halved order-api's DB connection pool",
                "causeCategory",
                "config",
                "contributingFactors",
                List.of("config changes are not load-tested"),
                "impactFigures",
                map("failedOrders", 1200)),
            draft.header("ETag").orElse(null))
        .expect(200);
    http.put(
            report + "/whys",
            reviewer,
            map(
                "whys",
                List.of(
                    why(
                        "Why could customers not place orders?",
                        "order-api timed out on POST /v1/orders",
                        true),
                    why(
                        "Why did order-api time out?",
                        "Requests waited for a DB connection: the pool was exhausted",
                        false),
                    why(
                        "Why was the pool exhausted?",
                        "Config cfg-1.42 halved it to 20 connections",
                        false),
                    why(
                        "Why did the change go out unnoticed?",
                        "Config changes skip the load test that code changes get",
                        false))))
        .expect(200);
    http.post(
            report + "/action-items",
            reviewer,
            map(
                "title", "Alert on DB pool saturation for order-api",
                "kind", "monitoring_alerting",
                "horizon", "short",
                "owner", "jihoon.park@firebell.example"))
        .expect(201);
    http.post(
            report + "/action-items",
            reviewer,
            map(
                "title", "Run the load test for config changes too",
                "kind", "deploy_process",
                "horizon", "mid",
                "owner", "minsu.kim@firebell.example"))
        .expect(201);
    Http.Response published = http.post(report + "/publish", reviewer, null).expect(200);
    say.accept(
        "   cause, 4 verified Whys and 2 action items filled in; report published (version "
            + published.json().path("report").path("publishedVersion").asText("?")
            + ", "
            + published.json().path("warnings").size()
            + " blameless warnings)");
  }

  /** 10. The review meeting, its calendar invite written to the work directory. */
  private Path scheduleReview(Declared declared) throws IOException {
    String incidentId = declared.incidentId();
    String reference = declared.reference();
    JsonNode review =
        http.post(suite.review() + "/v1/reviews", reviewer, map("incidentId", incidentId))
            .expect(201)
            .json();
    String ics =
        http.get(
                suite.review() + "/v1/reviews/" + review.path("id").asText(),
                reviewer,
                "text/calendar")
            .expect(200)
            .body();
    require(ics.contains("BEGIN:VEVENT"), "the review should be an iCalendar VEVENT");
    Files.createDirectories(workDir);
    Path calendar = workDir.resolve("review-" + reference + ".ics");
    Files.writeString(calendar, ics, StandardCharsets.UTF_8);
    say.accept(
        "10. Review meeting scheduled for "
            + review.path("startsAt").asText()
            + " ("
            + review.path("kind").asText("review")
            + "); calendar invite written to "
            + calendar);
    return calendar;
  }

  /** 11. The metrics, and the public status page showing the latest external update. */
  private JsonNode numbers() {
    JsonNode metrics =
        http.get(suite.review() + "/v1/metrics/summary?groupBy=severity", viewer)
            .expect(200)
            .json();
    JsonNode publicIncidents =
        http.get(suite.broadcast() + "/api/v2/incidents.json", null).expect(200).json();
    require(
        publicIncidents.toString().contains("Ordering works normally again."),
        "the public status page should show the latest external update");
    http.get(suite.broadcast() + "/status", null).expect(200);
    say.accept(
        "11. The public status page shows the incident as resolved with the latest update;"
            + " the internal title and people are not on it");
    return metrics;
  }

  private String updatesUrl(String incidentId) {
    return suite.broadcast() + "/v1/incidents/" + incidentId + "/updates";
  }

  // -----------------------------------------------------------------------------------------

  private String alertmanagerPayload(String status) {
    return Alertmanager.orderApiStorm(status, "demo_run", run);
  }

  private JsonNode awaitGroup(String viewer) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode page =
          http.get(suite.detection() + "/v1/alert-groups?domain=order&limit=50", viewer)
              .expect(200)
              .json();
      for (JsonNode g : page.path("items")) {
        if (run.equals(g.path("labels").path("demo_run").asText()) && g.hasNonNull("incidentId")) {
          return http.get(suite.detection() + "/v1/alert-groups/" + g.path("id").asText(), viewer)
              .expect(200)
              .json();
        }
      }
      sleep(200);
    }
    throw new StoryFailure(
        "no alert group of this run was declared within " + WAIT.toSeconds() + " s");
  }

  private Http.Response awaitStatus(String url, String token, int status) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Http.Response last;
    do {
      last = http.get(url, token);
      if (last.status() == status) {
        return last;
      }
      sleep(200);
    } while (System.nanoTime() < deadline);
    return last.expect(status);
  }

  private void ensureRoute(String admin, Map<String, Object> route) {
    ensureRoute(http, suite.detection(), admin, route);
  }

  /** Creates the route, or replaces the route of that name (a story can run again). */
  static void ensureRoute(Http http, String detection, String admin, Map<String, Object> route) {
    JsonNode routes = http.get(detection + "/v1/routes", admin).expect(200).json();
    for (JsonNode r : routes) {
      if (route.get("name").equals(r.path("name").asText())) {
        http.put(detection + "/v1/routes/" + r.path("id").asText(), admin, route).expect(200);
        return;
      }
    }
    http.post(detection + "/v1/routes", admin, route).expect(201);
  }

  private void catalog(
      String token, String service, String domain, String owner, List<String> dependencies) {
    http.put(
            suite.incident() + "/v1/services/" + service,
            token,
            map("domain", domain, "owners", List.of(owner), "dependencies", dependencies))
        .expect(200, 201);
  }

  private String endpoint(String admin, String name, String kind, String path) {
    JsonNode created =
        http.post(
                suite.broadcast() + "/v1/endpoints",
                admin,
                map("name", name + "-" + run, "kind", kind, "url", receiver.url(path)))
            .expect(201)
            .json();
    receiver.secret(path, created.path("secret").asText(null));
    return created.path("id").asText();
  }

  private static Map<String, Object> why(String question, String answer, boolean symptom) {
    return map(
        "question", question,
        "answer", answer,
        "evidence", List.of("https://grafana.example.com/d/order-api"),
        "verified", true,
        "customerSymptom", symptom);
  }

  static void require(boolean condition, String failure) {
    if (!condition) {
      throw new StoryFailure(failure);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoryFailure("interrupted");
    }
  }
}
