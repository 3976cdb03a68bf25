package io.firebell.bench;

import io.firebell.client.Integrations;
import io.firebell.client.Receiver;
import io.firebell.client.StoryFailure;
import io.firebell.client.Suite;
import io.firebell.client.demo.AnnounceProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Scenario 4, time to announce (issue 20, targets 1–3): Alertmanager webhook accepted → fire alarm
 * at an internal receiver, over 100 auto-declared incidents, first with Alertmanager payloads of 50
 * alerts arriving in the background at 10 % of the rate the batched-ingest scenario sustained (or
 * of 30,000 alerts/s when it did not run); then 100 incidents declared by a person ({@code POST
 * /v1/incidents} → fire alarm) under the same background; then the webhook probe again during a
 * storm: the background at the full sustained rate, every alert of it on one route key that floods
 * (the alarm for a new problem must not queue behind it). The same-run reference is Kafka's own
 * produce→consume latency on the same broker ({@link KafkaLatency}).
 */
public final class TimeToAnnounce implements Scenario {

  private static final int INCIDENTS = 100;
  private static final double FALLBACK_BATCHED_RATE = IngestBenchmark.TARGET_ALERTS;
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
    double quiet = batched * ctx.facts().getOrDefault(BACKGROUND_FRACTION, 0.10);
    KafkaLatency.Figures kafka = KafkaLatency.measure(ctx.kafka(), 200);
    String reference = "Kafka produce→consume " + kafka;
    System.out.println("   reference: " + reference);
    String token =
        Integrations.of(suite)
            .create("bench-background-" + System.currentTimeMillis(), "alertmanager");
    String url = suite.detection() + "/v1/ingest/alertmanager";
    List<Row> rows = new ArrayList<>();
    try (Receiver receiver = new Receiver(null);
        FixedRateLoad load = new FixedRateLoad(32, 4096);
        Traces traces = Traces.open();
        AnnounceProbe probe = new AnnounceProbe(suite, receiver)) {
      // Every probe carries a sampled traceparent of this run: the per-hop breakdown (ADR 0140).
      traces.watch(probe.traceIdPrefix());

      Background bg = Background.start(load, url, token, quiet);
      AnnounceProbe.Figures webhook;
      AnnounceProbe.Figures declared;
      try {
        webhook = attempt(() -> probe.measure(INCIDENTS, Duration.ofSeconds(20)));
        declared = attempt(() -> probe.measureDeclared(INCIDENTS, Duration.ofSeconds(20)));
      } finally {
        bg.stop();
      }
      rows.add(Row.info("4 announce", "background ingest (probes 1 and 2)", bg.describe(batched)));
      if (webhook == null) {
        rows.add(failed("webhook accepted → fire alarm", "p50 ≤ 100 ms, p99 ≤ 300 ms"));
      } else {
        ctx.distribution("time to announce (10 % background)", webhook.histogram());
        rows.add(
            Row.check(
                    "4 announce",
                    "webhook accepted → fire alarm, p50 (n=" + INCIDENTS + ")",
                    webhook.p50Millis() + " ms",
                    "≤ 100 ms",
                    webhook.p50Millis() <= 100)
                .withReference(reference));
        rows.add(
            Row.check(
                    "4 announce",
                    "webhook accepted → fire alarm, p99",
                    webhook.p99Millis() + " ms (max " + webhook.maxMillis() + " ms)",
                    "≤ 300 ms",
                    webhook.p99Millis() <= 300)
                .withReference(reference));
        rows.addAll(traces.breakdown("4 announce", webhook.traceIds()));
      }
      if (declared == null) {
        rows.add(failed("declared by a person → fire alarm", "p50 ≤ 50 ms, p99 ≤ 150 ms"));
      } else {
        ctx.distribution("declared by a person → fire alarm", declared.histogram());
        rows.add(
            Row.check(
                    "4 announce",
                    "POST /v1/incidents sent → fire alarm, p50 / p99 (n=" + INCIDENTS + ")",
                    declared.p50Millis()
                        + " / "
                        + declared.p99Millis()
                        + " ms (max "
                        + declared.maxMillis()
                        + " ms)",
                    "p50 ≤ 50 ms, p99 ≤ 150 ms",
                    declared.p50Millis() <= 50 && declared.p99Millis() <= 150)
                .withReference(reference));
        rows.addAll(traces.breakdown("4 announce declared", declared.traceIds()));
      }

      // The storm: the background at the full sustained rate, one flooding route key.
      Background storm = Background.start(load, url, token, batched);
      AnnounceProbe.Figures stormed;
      try {
        // Let the flood build a backlog before the first probe.
        Thread.sleep(5_000);
        stormed = attempt(() -> probe.measure(INCIDENTS, Duration.ofSeconds(30)));
      } finally {
        storm.stop();
      }
      rows.add(Row.info("4 announce storm", "storm ingest (probe 3)", storm.describe(batched)));
      if (stormed == null) {
        rows.add(failed("webhook accepted → fire alarm during the storm", "p99 ≤ 1 s"));
      } else {
        ctx.distribution("time to announce (during a storm)", stormed.histogram());
        rows.add(
            Row.check(
                    "4 announce storm",
                    "webhook accepted → fire alarm, p50 / p99 (n=" + INCIDENTS + ")",
                    stormed.p50Millis()
                        + " / "
                        + stormed.p99Millis()
                        + " ms (max "
                        + stormed.maxMillis()
                        + " ms)",
                    "p99 ≤ 1,000 ms",
                    stormed.p99Millis() <= 1_000)
                .withReference(reference));
        rows.addAll(traces.breakdown("4 announce storm", stormed.traceIds()));
      }
    }
    return rows;
  }

  private static AnnounceProbe.Figures attempt(Supplier<AnnounceProbe.Figures> probe) {
    try {
      return probe.get();
    } catch (StoryFailure e) {
      System.out.println("   probe stopped: " + e.getMessage());
      return null;
    }
  }

  private static Row failed(String measure, String target) {
    return Row.check("4 announce", measure, "stopped (a fire alarm did not arrive)", target, false);
  }

  /**
   * Alertmanager payloads of 50 alerts at a fixed arrival rate, on a thread of its own, in 5 s runs
   * of {@link FixedRateLoad} until stopped.
   */
  private static final class Background {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong acceptedMicros = new AtomicLong();
    private final double alertsPerSecond;
    private final long started = System.nanoTime();
    private Thread thread;
    private volatile double seconds;

    private Background(double alertsPerSecond) {
      this.alertsPerSecond = alertsPerSecond;
    }

    static Background start(FixedRateLoad load, String url, String token, double alertsPerSecond) {
      Background bg = new Background(alertsPerSecond);
      if (alertsPerSecond <= 0) {
        return bg;
      }
      String run = "bg" + Long.toString(System.currentTimeMillis(), 36);
      bg.thread =
          new Thread(
              () -> {
                try {
                  while (!bg.stop.get()) {
                    FixedRateLoad.Result r =
                        load.run(
                            url,
                            "Bearer " + token,
                            alertsPerSecond / 50,
                            Duration.ofSeconds(5),
                            202,
                            n -> background(run, bg.sent.get() + n));
                    bg.sent.addAndGet(r.completed());
                    bg.errors.addAndGet(r.errors());
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "bench-background");
      bg.thread.setDaemon(true);
      bg.thread.start();
      return bg;
    }

    void stop() throws InterruptedException {
      stop.set(true);
      if (thread != null) {
        thread.join(Duration.ofSeconds(30).toMillis());
      }
      seconds = (System.nanoTime() - started) / 1e9;
    }

    String describe(double batched) {
      return String.format(
          "%,.0f alerts/s offered (of %,.0f batched); %,.0f alerts/s accepted over %.0f s, %d"
              + " errors",
          alertsPerSecond,
          batched,
          seconds <= 0 ? 0 : sent.get() * 50 / seconds,
          seconds,
          errors.get());
    }
  }

  /** 50 alerts of one route key (BackgroundNoise), 5,000 distinct alerts re-sent over and over. */
  private static String background(String run, long n) {
    StringBuilder alerts = new StringBuilder();
    String startsAt = Instant.now().minusSeconds(60).toString();
    for (int i = 0; i < 50; i++) {
      if (i > 0) {
        alerts.append(',');
      }
      long id = (n * 50 + i) % 5000;
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
