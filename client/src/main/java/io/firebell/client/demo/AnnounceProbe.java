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
public final class AnnounceProbe {

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

  public Figures measure(int incidents, Duration eachTimeout) {
    String admin = suite.token("admin");
    String token =
        new Integrations(http, suite.detection(), admin)
            .create("announce-probe-" + run, "alertmanager");
    // Its own domain, so that it needs nothing the demo (or anyone) set up before.
    http.put(
            suite.detection() + "/v1/domains/" + DOMAIN,
            admin,
            map("description", "Firebell's time-to-announce probe"))
        .expect(200, 201);
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
        .expect(201);
    String endpoint =
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
            map("audience", "dev_org", "endpointId", endpoint, "domains", List.of(DOMAIN)))
        .expect(201);

    Histogram histogram = new Histogram(3_600_000_000L, 3);
    List<Long> micros = new ArrayList<>();
    List<String> traceIds = new ArrayList<>();
    List<String> alarmTraceparents = new ArrayList<>();
    for (int i = 0; i < incidents; i++) {
      String probe = run + "-" + i;
      String body = payload(probe);
      String traceId =
          tracePrefix + String.format("%08x%016x", random.nextInt(), random.nextLong() | 1);
      String traceparent =
          "00-" + traceId + "-" + String.format("%016x", random.nextLong() | 1) + "-01";
      traceIds.add(traceId);
      http.post(
              suite.detection() + "/v1/ingest/alertmanager",
              token,
              body,
              Map.of("traceparent", traceparent))
          .expect(202);
      long accepted = System.nanoTime();
      Receiver.Message alarm =
          receiver
              .await(
                  m -> m.path().equals("/slack/probe-" + run) && m.mentions(probe + " "),
                  1,
                  eachTimeout,
                  "the fire alarm of probe " + probe)
              .get(0);
      alarmTraceparents.add(alarm.header("traceparent"));
      long us = Math.max(0, (alarm.nanos() - accepted) / 1000);
      histogram.recordValue(us);
      micros.add(us);
    }
    resolveAll(token);
    return new Figures(micros, histogram, traceIds, alarmTraceparents);
  }

  /** Resolves the probes' incidents and alerts so they do not linger as open incidents. */
  private void resolveAll(String token) {
    String responder = suite.token("responder");
    String viewer = suite.token("viewer");
    JsonNode page =
        http.get(
                suite.incident() + "/v1/incidents?status=investigating&domain=order&limit=200",
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
