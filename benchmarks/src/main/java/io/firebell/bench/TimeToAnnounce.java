package io.firebell.bench;

import io.firebell.client.Integrations;
import io.firebell.client.Receiver;
import io.firebell.client.Suite;
import io.firebell.client.demo.AnnounceProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 4, time to announce: Alertmanager webhook accepted → fire alarm at an internal receiver,
 * over 100 auto-declared incidents, while Alertmanager payloads of 50 alerts arrive in the
 * background at 10 % of the rate the batched-ingest scenario sustained (or 2,000 alerts/s when it
 * did not run). The background alerts go to the catch-all route: they are grouped, not paged.
 */
public final class TimeToAnnounce implements Scenario {

  private static final int INCIDENTS = 100;
  private static final double FALLBACK_BATCHED_RATE = 20_000;
  static final String BACKGROUND_FRACTION = "announce.background-fraction";

  @Override
  public String name() {
    return "announce";
  }

  @Override
  public List<Row> run(BenchContext ctx) throws Exception {
    Suite suite = ctx.suite();
    double batched =
        ctx.facts().getOrDefault(BenchContext.BATCHED_ALERTS_PER_SECOND, FALLBACK_BATCHED_RATE);
    double alertsPerSecond = batched * ctx.facts().getOrDefault(BACKGROUND_FRACTION, 0.10);
    double payloadsPerSecond = alertsPerSecond / 50;
    String token =
        Integrations.of(suite)
            .create("bench-background-" + System.currentTimeMillis(), "alertmanager");
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    AtomicLong sent = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    String run = "bg" + Long.toString(System.currentTimeMillis(), 36);
    long periodMicros =
        payloadsPerSecond <= 0 ? 1 : Math.max(1, Math.round(1_000_000 / payloadsPerSecond));
    if (alertsPerSecond <= 0) {
      timer.shutdown();
    } else {
      timer.scheduleAtFixedRate(
          () -> {
            long n = sent.incrementAndGet();
            client
                .sendAsync(
                    HttpRequest.newBuilder(
                            URI.create(suite.detection() + "/v1/ingest/alertmanager"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(background(run, n)))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .whenComplete(
                    (r, e) -> {
                      if (e != null || r.statusCode() != 202) {
                        failed.incrementAndGet();
                      }
                    });
          },
          0,
          periodMicros,
          TimeUnit.MICROSECONDS);
    }
    AnnounceProbe.Figures figures;
    long started = System.nanoTime();
    Traces traces = Traces.open();
    try (Receiver receiver = new Receiver(null)) {
      AnnounceProbe probe = new AnnounceProbe(suite, receiver);
      traces.watch(probe.traceIdPrefix());
      figures = probe.measure(INCIDENTS, Duration.ofSeconds(20));
    } catch (io.firebell.client.StoryFailure e) {
      traces.close();
      return List.of(
          Row.check(
              "4 announce",
              String.format(
                  "fire alarms under %,.0f alerts/s background (%,d payloads sent)",
                  alertsPerSecond, sent.get()),
              "stopped: " + e.getMessage(),
              "p50 ≤ 150 ms, p99 ≤ 500 ms",
              false));
    } finally {
      timer.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    ctx.distribution("time to announce (under background ingest)", figures.histogram());
    List<Row> rows = new ArrayList<>();
    rows.add(
        Row.info(
            "4 announce",
            "background ingest",
            String.format(
                "%,.0f alerts/s target (of %,.0f batched); %,d payloads of 50 sent in %.0f s, %d"
                    + " failed",
                alertsPerSecond, batched, sent.get(), seconds, failed.get())));
    rows.add(
        Row.check(
            "4 announce",
            "webhook accepted → fire alarm, p50 (n=" + INCIDENTS + ")",
            figures.p50Millis() + " ms",
            "≤ 150 ms",
            figures.p50Millis() <= 150));
    rows.add(
        Row.check(
            "4 announce",
            "webhook accepted → fire alarm, p99",
            figures.p99Millis() + " ms (max " + figures.maxMillis() + " ms)",
            "≤ 500 ms",
            figures.p99Millis() <= 500));
    rows.addAll(traces.breakdown("4 announce", figures.traceIds()));
    return rows;
  }

  private static String background(String run, long n) {
    StringBuilder alerts = new StringBuilder();
    String startsAt = Instant.now().minusSeconds(60).toString();
    for (int i = 0; i < 50; i++) {
      if (i > 0) {
        alerts.append(',');
      }
      long id = (n * 50 + i) % 5000; // 5,000 distinct alerts re-sent over and over
      alerts
          .append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"BackgroundNoise\",")
          .append("\"severity\":\"warning\",\"bg_run\":\"")
          .append(run)
          .append("\",\"instance\":\"n")
          .append(id)
          .append("\"},\"annotations\":{\"summary\":\"background\"},\"startsAt\":\"")
          .append(startsAt)
          .append("\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"fingerprint\":\"")
          .append(run)
          .append(id)
          .append("\"}");
    }
    return "{\"version\":\"4\",\"groupKey\":\"{}:{bg}\",\"truncatedAlerts\":0,\"status\":\"firing\","
        + "\"receiver\":\"firebell\",\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},"
        + "\"externalURL\":\"http://alertmanager:9093\",\"alerts\":["
        + alerts
        + "]}";
  }
}
