package io.firebell.client.demo;

import static io.firebell.client.Http.map;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.client.Alertmanager;
import io.firebell.client.Http;
import io.firebell.client.Integrations;
import io.firebell.client.Receiver;
import io.firebell.client.Suite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Time to announce: from an Alertmanager webhook being accepted (202) to the fire alarm of the
 * incident it auto-declared arriving at an internal receiver. Each probe is its own alert group
 * (its own {@code probe} label), auto-declared by a route of its own; probes run one after another
 * and the incidents are resolved at the end.
 *
 * <p>Each probe's webhook carries a sampled W3C {@code traceparent} of a trace of its own, so a
 * suite that exports its spans (ADR 0140) traces every probe whatever its sampling ratio; {@link
 * Figures#traceIds()} names them, in probe order.
 */
public final class AnnounceProbe implements AutoCloseable {

  /** The detection domain of the probe's incidents (created if missing). */
  static final String DOMAIN = "announce-probe";

  /**
   * The figures: every probe's latency in microseconds, the histogram of them, each probe's trace
   * id, and the {@code traceparent} header its fire alarm arrived with (null without one).
   */
  public record Figures(
      List<Long> micros,
      Histogram histogram,
      List<String> traceIds,
      List<String> alarmTraceparents) {
    public long p50Millis() {
      return Math.round(histogram.getValueAtPercentile(50) / 1000.0);
    }

    public long p99Millis() {
      return Math.round(histogram.getValueAtPercentile(99) / 1000.0);
    }

    public long maxMillis() {
      return Math.round(histogram.getMaxValue() / 1000.0);
    }

    @Override
    public String toString() {
      return String.format(
          "time to announce over %d incidents: p50 %d ms, p99 %d ms, max %d ms",
          histogram.getTotalCount(), p50Millis(), p99Millis(), maxMillis());
    }
  }

  private final Suite suite;
  private final Receiver receiver;
  private final Http http = new Http();
  private final String run = "p" + Long.toString(System.currentTimeMillis(), 36);
  private final java.util.Random random = new java.security.SecureRandom();
  private final String tracePrefix = String.format("%08x", random.nextInt());

  public AnnounceProbe(Suite suite, Receiver receiver) {
    this.suite = suite;
    this.receiver = receiver;
  }

  /** The first 8 hex digits of every probe's trace id (a receiver can watch them beforehand). */
  public String traceIdPrefix() {
    return tracePrefix;
  }

  private String token;
  private String routeId;
  private String endpointId;
  private int probes;

  /**
   * Time to announce from a webhook: {@code incidents} Alertmanager webhooks, one after another,
   * each auto-declaring its own incident; from the 202 to the fire alarm at the receiver.
   */
  public Figures measure(int incidents, Duration eachTimeout) {
    prepare();
    return each(
        incidents,
        eachTimeout,
        (probe, traceparent) -> {
          http.post(
                  suite.detection() + "/v1/ingest/alertmanager",
                  token,
                  payload(probe),
                  Map.of("traceparent", traceparent))
              .expect(202);
          return System.nanoTime(); // from the 202
        });
  }

  /** Starts one probe with its traceparent; returns the instant its latency counts from. */
  private interface Trigger {
    long start(String probe, String traceparent);
  }

  /**
   * Runs {@code incidents} probes one after another, each with a trace of its own, and measures
   * from each trigger's start to its fire alarm at the receiver; resolves the incidents after.
   */
  private Figures each(int incidents, Duration eachTimeout, Trigger trigger) {
    Histogram histogram = new Histogram(3_600_000_000L, 3);
    List<Long> micros = new ArrayList<>();
    List<String> traceIds = new ArrayList<>();
    List<String> alarmTraceparents = new ArrayList<>();
    for (int i = 0; i < incidents; i++) {
      String probe = run + "-" + probes++;
      String traceId = traceId();
      traceIds.add(traceId);
      long start = trigger.start(probe, traceparent(traceId));
      Receiver.Message alarm = awaitAlarm(probe, eachTimeout);
      alarmTraceparents.add(alarm.header("traceparent"));
      long us = Math.max(0, (alarm.nanos() - start) / 1000);
      histogram.recordValue(us);
      micros.add(us);
    }
    resolveAll();
    return new Figures(micros, histogram, traceIds, alarmTraceparents);
  }

  /** A trace id of this probe run: its first 8 hex digits are {@link #traceIdPrefix()}. */
  private String traceId() {
    return tracePrefix + String.format("%08x%016x", random.nextInt(), random.nextLong() | 1);
  }

  /** A sampled W3C traceparent of {@code traceId} with a span id of its own. */
  private String traceparent(String traceId) {
    return "00-" + traceId + "-" + String.format("%016x", random.nextLong() | 1) + "-01";
  }

  /**
   * Time to announce of an incident declared by a person: {@code incidents} declarations ({@code
   * POST /v1/incidents} as a responder), one after another; from sending the request to the fire
   * alarm at the receiver.
   */
  public Figures measureDeclared(int incidents, Duration eachTimeout) {
    prepare();
    String responder = suite.token("responder");
    return each(
        incidents,
        eachTimeout,
        (probe, traceparent) -> {
          long sent = System.nanoTime(); // from sending the request
          http.post(
                  suite.incident() + "/v1/incidents",
                  responder,
                  map(
                      "title",
                      "probe " + probe + " declared by a person",
                      "domain",
                      DOMAIN,
                      "service",
                      "order-api",
                      "severity",
                      "SEV2"),
                  Map.of("traceparent", traceparent))
              .expect(201);
          return sent;
        });
  }

  private Receiver.Message awaitAlarm(String probe, Duration timeout) {
    return receiver
        .await(
            m -> m.path().equals("/slack/probe-" + run) && m.mentions(probe + " "),
            1,
            timeout,
            "the fire alarm of probe " + probe)
        .get(0);
  }

  /** The probe's integration, domain, route, endpoint and subscription, once. */
  private void prepare() {
    if (token != null) {
      return;
    }
    String admin = suite.token("admin");
    token =
        new Integrations(http, suite.detection(), admin)
            .create("announce-probe-" + run, "alertmanager");
    // Its own domain, so that it needs nothing the demo (or anyone) set up before.
    http.put(
            suite.detection() + "/v1/domains/" + DOMAIN,
            admin,
            map("description", "Firebell's time-to-announce probe"))
        .expect(200, 201);
    routeId =
        http.post(
                suite.detection() + "/v1/routes",
                admin,
                map(
                    "name",
                    "announce-probe-" + run,
                    "position",
                    1,
                    "matchers",
                    List.of("probe_run=\"" + run + "\""),
                    "domain",
                    DOMAIN,
                    "service",
                    "order-api",
                    "kind",
                    "system",
                    "groupBy",
                    List.of("probe"),
                    "autoDeclare",
                    true,
                    "page",
                    false))
            .expect(201)
            .text("id");
    endpointId =
        http.post(
                suite.broadcast() + "/v1/endpoints",
                admin,
                map(
                    "name",
                    "announce-probe-" + run,
                    "kind",
                    "slack",
                    "url",
                    receiver.url("/slack/probe-" + run)))
            .expect(201)
            .text("id");
    http.post(
            suite.broadcast() + "/v1/subscriptions",
            admin,
            map("audience", "dev_org", "endpointId", endpointId, "domains", List.of(DOMAIN)))
        .expect(201);
  }

  /**
   * Removes what {@link #prepare()} added — its route, and its endpoint with the endpoint's
   * subscription and deliveries — so that later runs do not fan their alarms out to this run's
   * receiver, which is gone by then. The incidents were resolved after each measure.
   */
  @Override
  public void close() {
    if (token == null) {
      return;
    }
    String admin = suite.token("admin");
    http.delete(suite.broadcast() + "/v1/endpoints/" + endpointId, admin).expect(204, 404);
    http.delete(suite.detection() + "/v1/routes/" + routeId, admin).expect(204, 404);
    token = null;
  }

  /** Resolves the probes' incidents and alerts so they do not linger as open incidents. */
  private void resolveAll() {
    String responder = suite.token("responder");
    String viewer = suite.token("viewer");
    JsonNode page =
        http.get(
                suite.incident()
                    + "/v1/incidents?status=investigating&domain="
                    + DOMAIN
                    + "&limit=200",
                viewer)
            .expect(200)
            .json();
    for (JsonNode incident : page.path("items")) {
      if (incident.path("title").asText().contains(run + "-")) {
        http.post(
                suite.incident() + "/v1/incidents/" + incident.path("id").asText() + "/transitions",
                responder,
                map("to", "resolved", "recoveryMethod", "other", "note", "announce probe"))
            .expect(200);
      }
    }
  }

  private String payload(String probe) {
    Map<String, Object> labels =
        map(
            "alertname", "AnnounceProbe",
            "service", "order-api",
            "severity", "critical",
            "probe", probe,
            "probe_run", run);
    Map<String, Object> alert =
        Alertmanager.alert(
            "firing",
            labels,
            map("summary", "probe " + probe + " checkout latency"),
            Instant.now().toString(),
            Alertmanager.STILL_FIRING,
            "http://prometheus:9090/graph",
            Long.toHexString(probe.hashCode() & 0xffffffffL));
    return Alertmanager.payload(
        "{}:{probe=\"" + probe + "\"}", "firing", map("probe", probe), labels, List.of(alert));
  }
}
