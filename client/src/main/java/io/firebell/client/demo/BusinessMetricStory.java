package io.firebell.client.demo;

import static io.firebell.client.Http.map;
import static io.firebell.client.demo.IncidentStory.require;
import static io.firebell.client.demo.IncidentStory.sleep;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.client.Http;
import io.firebell.client.Integrations;
import io.firebell.client.Receiver;
import io.firebell.client.StoryFailure;
import io.firebell.client.Suite;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The incident no system alarm sees: orders per minute drop against what is normal for this hour. A
 * watch on a metric whose samples a job pushes to Firebell (four weeks of history, then the drop),
 * evaluated as of the last minutes; its drop alert goes through routing like any alert, is
 * auto-declared as an incident detected by {@code business_metric}, and the fire alarm reaches the
 * dev org. Runs after {@link IncidentStory}, whose set-up (domain {@code order}, its on-call and
 * the dev org's subscription) it relies on; the demo and the end-to-end test run both.
 */
public final class BusinessMetricStory {

  /** The incident the drop declared. */
  public record Result(String incidentId, String reference, String detectionMethod) {}

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration WEEK = Duration.ofDays(7);

  private final Suite suite;
  private final Receiver receiver;
  private final Consumer<String> say;
  private final Http http = new Http();
  private final String run = Long.toString(System.currentTimeMillis(), 36);

  public BusinessMetricStory(Suite suite, Receiver receiver, Consumer<String> say) {
    this.suite = suite;
    this.receiver = receiver;
    this.say = say;
  }

  public Result run() {
    String admin = suite.token("admin");
    String viewer = suite.token("viewer");
    String metric = "demo_orders_per_minute_" + run;
    say.accept(
        "13. A business metric: orders per minute of order-api, pushed every minute, watched"
            + " against the same time in the previous 4 weeks");
    IncidentStory.ensureRoute(
        http,
        suite.detection(),
        admin,
        map(
            "name",
            "demo-order-metrics",
            "position",
            3,
            "matchers",
            List.of("watch=~\"demo-orders-.*\""),
            "domain",
            "order",
            "kind",
            "business",
            "groupBy",
            List.of("alertname"),
            "autoDeclare",
            true,
            "page",
            true,
            "pageMinSeverity",
            "critical"));
    String watch =
        http.post(
                suite.detection() + "/v1/metric-watches",
                admin,
                map(
                    "name",
                    "demo-orders-" + run,
                    "metric",
                    metric,
                    "domain",
                    "order",
                    "service",
                    "order-api",
                    "source",
                    map("type", "pushed"),
                    "interval",
                    "PT1M",
                    "baseline",
                    map("weeks", 4, "minWeeks", 3),
                    "drop",
                    map("percent", 70, "consecutive", 3),
                    "severity",
                    "critical",
                    // Evaluated below as of the last minutes, not by the schedule.
                    "enabled",
                    false))
            .expect(201)
            .text("id");
    String token =
        new Integrations(http, suite.detection(), admin).create("demo-shop-" + run, "metrics");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant start = now.minus(Duration.ofMinutes(5));
    List<Map<String, Object>> samples = new ArrayList<>();
    for (int week = 1; week <= 4; week++) {
      for (int minute = -10; minute <= 5; minute++) {
        Instant t = start.minus(WEEK.multipliedBy(week)).plus(Duration.ofMinutes(minute));
        samples.add(map("timestamp", t.toString(), "value", 118 + week));
      }
    }
    for (int minute = 0; minute <= 3; minute++) {
      samples.add(
          map(
              "timestamp",
              start.plus(Duration.ofMinutes(minute)).toString(),
              "value",
              minute == 0 ? 121 : 34));
    }
    http.post(
            suite.detection() + "/v1/metrics/" + metric + "/samples",
            token,
            map("samples", samples))
        .expect(200);
    String outcome = null;
    for (int minute = 0; minute <= 3; minute++) {
      JsonNode e =
          http.post(
                  suite.detection() + "/v1/metric-watches/" + watch + "/evaluations",
                  admin,
                  map("at", start.plus(Duration.ofMinutes(minute)).toString()))
              .expect(200)
              .json();
      outcome = e.path("outcome").asText();
      say.accept(
          "    as of "
              + e.path("asOf").asText()
              + ": "
              + e.path("observed").asText()
              + " orders/min against a baseline of "
              + e.path("baseline").asText()
              + " → "
              + outcome);
    }
    require("drop".equals(outcome), "the drop should fire after 3 evaluations, got " + outcome);
    Result declared = awaitIncident(viewer, "demo-orders-" + run);
    require(
        "business_metric".equals(declared.detectionMethod()),
        "the incident should be detected by business_metric, is " + declared.detectionMethod());
    receiver.await(
        m -> m.path().equals("/slack/dev-org") && m.mentions(declared.reference()),
        1,
        WAIT,
        "the fire alarm of the business-metric incident at the dev_org Slack channel");
    say.accept(
        "    the drop auto-declared "
            + declared.reference()
            + " (detection method business_metric); its fire alarm reached dev_org");
    return declared;
  }

  private Result awaitIncident(String viewer, String alertname) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode page =
          http.get(
                  suite.detection() + "/v1/alert-groups?domain=order&kind=business&limit=50",
                  viewer)
              .expect(200)
              .json();
      for (JsonNode g : page.path("items")) {
        if (alertname.equals(g.path("labels").path("alertname").asText())
            && g.hasNonNull("incidentId")) {
          JsonNode incident =
              http.get(suite.incident() + "/v1/incidents/" + g.path("incidentId").asText(), viewer)
                  .expect(200)
                  .json();
          return new Result(
              incident.path("id").asText(),
              incident.path("reference").asText(),
              incident.path("detectionMethod").asText());
        }
      }
      sleep(200);
    }
    throw new StoryFailure(
        "the business-metric alert was not declared within " + WAIT.toSeconds() + " s");
  }
}
