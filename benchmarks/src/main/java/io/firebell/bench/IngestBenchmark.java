package io.firebell.bench;

import io.firebell.client.Http;
import io.firebell.client.Integrations;
import io.firebell.client.Suite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Scenarios 1 and 2, ingest: Alertmanager payloads of 50 alerts and single PagerDuty events, each
 * at a fixed arrival rate ({@link FixedRateLoad}): first a short step search for the highest rate
 * that keeps p99 ≤ 100 ms without errors, then the target rate sustained; the reference is the raw
 * Kafka producer rate ({@code acks=all}, records of an alert's size) on the same broker in the same
 * run. The whole suite's peak RSS is sampled meanwhile.
 */
public final class IngestBenchmark implements Scenario {

  static final int ALERTS_PER_PAYLOAD = 50;
  static final double TARGET_ALERTS = 30_000;
  static final double TARGET_EVENTS = 5_000;
  private static final Duration STEP = Duration.ofSeconds(10);
  private static final int RECORD_BYTES = 700;

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public List<Row> run(BenchContext ctx) throws Exception {
    Suite suite = ctx.suite();
    Http http = new Http();
    String admin = suite.token("admin");
    String run = "i" + Long.toString(System.currentTimeMillis(), 36);
    Integrations integrations = new Integrations(http, suite.detection(), admin);
    String am = integrations.create("bench-am-" + run, "alertmanager");
    String pd = integrations.create("bench-pd-" + run, "pagerduty");
    String amUrl = suite.detection() + "/v1/ingest/alertmanager";
    String pdUrl = suite.detection() + "/v2/enqueue";
    List<Row> rows = new ArrayList<>();
    long peakRss;
    FixedRateLoad.Result batched;
    FixedRateLoad.Result single;
    double bestBatched = 0;
    double bestSingle = 0;
    Duration caughtUp;
    double groupedPerSecond;
    long lagRecordsAtEnd;
    try (FixedRateLoad load = new FixedRateLoad(64, 4096);
        RssSampler rss = new RssSampler(ctx.root())) {
      // Warm-up, not measured: connection pools, and enough requests (half the target rates for
      // 15 s each) for the JIT to compile the hot paths of the ingest and grouping JVMs — a suite
      // just started by `./firebell up` otherwise spends the first steps compiling.
      load.run(amUrl, "Bearer " + am, 200, Duration.ofSeconds(15), 202, i -> alerts(run, i));
      load.run(pdUrl, null, 2_500, Duration.ofSeconds(15), 202, i -> event(run, pd, i));
      for (double alerts : new double[] {2_500, 5_000, 10_000, 20_000, 30_000, 40_000}) {
        FixedRateLoad.Result r =
            load.run(
                amUrl, "Bearer " + am, alerts / ALERTS_PER_PAYLOAD, STEP, 202, i -> alerts(run, i));
        System.out.printf(
            "   step %,.0f alerts/s: achieved %,.0f, p50 %.1f ms, p99 %.1f ms, %d errors%n",
            alerts,
            r.achievedPerSecond() * ALERTS_PER_PAYLOAD,
            r.p50Millis(),
            r.p99Millis(),
            r.errors());
        if (r.p99Millis() > 100 || r.errors() > 0) {
          break;
        }
        bestBatched = alerts;
      }
      // Grouping must keep up (target 6): let the step search's backlog drain first, then count
      // what the grouping instances apply during the sustained run and how long their lag takes
      // to reach zero after it.
      try (GroupingLag lag = new GroupingLag(ctx.kafka())) {
        lag.untilCaughtUp(Duration.ofSeconds(120));
        long groupedBefore = lag.alertsGrouped();
        batched =
            load.run(
                amUrl,
                "Bearer " + am,
                TARGET_ALERTS / ALERTS_PER_PAYLOAD,
                ctx.duration(),
                202,
                i -> alerts(run, i));
        long lagAtEnd = lag.lag();
        caughtUp = lag.untilCaughtUp(Duration.ofSeconds(120));
        groupedPerSecond =
            (lag.alertsGrouped() - groupedBefore) / (double) batched.duration().toSeconds();
        System.out.printf(
            "   grouping: %,.0f alerts/s applied during the run; lag %,d records at its end,"
                + " zero after %s%n",
            groupedPerSecond, lagAtEnd, caughtUp == null ? "more than 120 s" : caughtUp);
        lagRecordsAtEnd = lagAtEnd;
      }
      peakRss = rss.peakMb();
      for (double events : new double[] {1_000, 2_500, 5_000, 10_000}) {
        FixedRateLoad.Result r = load.run(pdUrl, null, events, STEP, 202, i -> event(run, pd, i));
        System.out.printf(
            "   step %,.0f events/s: achieved %,.0f, p50 %.1f ms, p99 %.1f ms, %d errors%n",
            events, r.achievedPerSecond(), r.p50Millis(), r.p99Millis(), r.errors());
        if (r.p99Millis() > 100 || r.errors() > 0) {
          break;
        }
        bestSingle = events;
      }
      single = load.run(pdUrl, null, TARGET_EVENTS, ctx.duration(), 202, i -> event(run, pd, i));
    }
    double kafka = rawProducerRate(ctx.kafka(), run);
    double batchedAlerts = batched.achievedPerSecond() * ALERTS_PER_PAYLOAD;
    ctx.facts().put(BenchContext.BATCHED_ALERTS_PER_SECOND, batchedAlerts);
    ctx.distribution("ingest batched, 50 alerts/request (ack latency)", batched.latencyMicros());
    ctx.distribution("ingest single PagerDuty events (ack latency)", single.latencyMicros());
    String reference = String.format("raw producer %,.0f records/s", kafka);
    rows.add(
        Row.check(
                "1 ingest batched",
                String.format(
                    "alerts/s sustained for %d s at %,.0f offered",
                    ctx.duration().toSeconds(), TARGET_ALERTS),
                String.format(
                    "%,.0f (%.0f %% of raw Kafka); %d errors",
                    batchedAlerts, 100 * batchedAlerts / kafka, batched.errors()),
                "≥ 30,000",
                batchedAlerts >= 29_500 && batched.errors() == 0)
            .withReference(reference));
    rows.add(
        Row.check(
            "1 ingest batched",
            "ack latency p50 / p99",
            String.format("%.1f / %.1f ms", batched.p50Millis(), batched.p99Millis()),
            "p99 ≤ 100 ms",
            batched.p99Millis() <= 100));
    rows.add(
        Row.info(
            "1 ingest batched",
            "highest step rate with p99 ≤ 100 ms, no errors (10 s steps)",
            bestBatched == 0
                ? "below 2,500 alerts/s"
                : String.format("%,.0f alerts/s", bestBatched)));
    rows.add(
        Row.check(
            "6 grouping",
            "alerts grouped per second during the sustained batched run",
            String.format(
                "%,.0f (%.0f %% of the %,.0f acknowledged)",
                groupedPerSecond, 100 * groupedPerSecond / batchedAlerts, batchedAlerts),
            "keeps up",
            groupedPerSecond >= 0.95 * batchedAlerts));
    rows.add(
        Row.check(
            "6 grouping",
            "consumer lag back to zero after the run",
            caughtUp == null
                ? String.format("not within 120 s (%,d records behind at the end)", lagRecordsAtEnd)
                : String.format(
                    "%.1f s (%,d records behind at the end)",
                    caughtUp.toMillis() / 1000.0, lagRecordsAtEnd),
            "≤ 15 s",
            caughtUp != null && caughtUp.toMillis() <= 15_000));
    rows.add(
        Row.check(
                "2 ingest single",
                String.format(
                    "events/s sustained for %d s at %,.0f offered",
                    ctx.duration().toSeconds(), TARGET_EVENTS),
                String.format("%,.0f; %d errors", single.achievedPerSecond(), single.errors()),
                "≥ 5,000",
                single.achievedPerSecond() >= 4_900 && single.errors() == 0)
            .withReference(reference));
    rows.add(
        Row.check(
            "2 ingest single",
            "ack latency p50 / p99",
            String.format("%.1f / %.1f ms", single.p50Millis(), single.p99Millis()),
            "p99 ≤ 100 ms",
            single.p99Millis() <= 100));
    rows.add(
        Row.info(
            "2 ingest single",
            "highest step rate with p99 ≤ 100 ms, no errors (10 s steps)",
            bestSingle == 0
                ? "below 1,000 events/s"
                : String.format("%,.0f events/s", bestSingle)));
    rows.add(
        Row.check(
            "6 footprint",
            "whole suite peak RSS during batched ingest (service JVMs and Kafka)",
            String.format("%,d MB", peakRss),
            "≤ 1,500 MB",
            peakRss <= 1_500));
    return rows;
  }

  /** 50 alerts; 10,000 distinct alerts over 100 route keys, re-sent round after round. */
  static String alerts(String run, long n) {
    StringBuilder b = new StringBuilder(16_000);
    String startsAt = Instant.now().minusSeconds(60).toString();
    long key = n % 100;
    b.append("{\"version\":\"4\",\"groupKey\":\"{}:{bench_key=\\\"k")
        .append(key)
        .append("\\\"}\",\"truncatedAlerts\":0,\"status\":\"firing\",\"receiver\":\"firebell\",")
        .append("\"groupLabels\":{\"bench_key\":\"k")
        .append(key)
        .append("\"},\"commonLabels\":{},\"commonAnnotations\":{},")
        .append("\"externalURL\":\"http://alertmanager:9093\",\"alerts\":[");
    for (int i = 0; i < ALERTS_PER_PAYLOAD; i++) {
      long id = (n / 100 % 2) * ALERTS_PER_PAYLOAD + i;
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"IngestBench\",")
          .append("\"severity\":\"warning\",\"bench_run\":\"")
          .append(run)
          .append("\",\"bench_key\":\"k")
          .append(key)
          .append("\",\"instance\":\"host-")
          .append(id)
          .append("\"},\"annotations\":{\"summary\":\"ingest benchmark alert\",")
          .append("\"description\":\"sustained ingest at a fixed arrival rate\"},\"startsAt\":\"")
          .append(startsAt)
          .append("\",\"endsAt\":\"0001-01-01T00:00:00Z\",")
          .append("\"generatorURL\":\"http://prometheus:9090/graph?g0.expr=up\",\"fingerprint\":\"")
          .append(run)
          .append('-')
          .append(key)
          .append('-')
          .append(id)
          .append("\"}");
    }
    return b.append("]}").toString();
  }

  static String event(String run, String routingKey, long n) {
    return "{\"routing_key\":\""
        + routingKey
        + "\",\"event_action\":\"trigger\",\"dedup_key\":\""
        + run
        + "-"
        + (n % 5000)
        + "\",\"payload\":{\"summary\":\"PagerDuty-style benchmark event\",\"source\":\"bench-"
        + (n % 50)
        + "\",\"severity\":\"warning\",\"component\":\"bench-svc\",\"group\":\"bench\","
        + "\"class\":\"bench\",\"custom_details\":{\"n\":"
        + n
        + "}}}";
  }

  /** Raw producer rate with acks=all on a scratch topic of the same broker, 6 partitions. */
  static double rawProducerRate(String bootstrap, String run) throws Exception {
    String topic = "firebell.bench.raw-" + run;
    Map<String, Object> common = Map.of("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(common)) {
      admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    byte[] value = new byte[RECORD_BYTES];
    java.util.Arrays.fill(value, (byte) 'x');
    int records = 300_000;
    AtomicLong failed = new AtomicLong();
    long start;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < 10_000; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + (i % 200), value));
      }
      producer.flush();
      start = System.nanoTime();
      for (int i = 0; i < records; i++) {
        producer.send(
            new ProducerRecord<>(topic, "k" + (i % 200), value),
            (m, e) -> {
              if (e != null) {
                failed.incrementAndGet();
              }
            });
      }
      producer.flush();
    }
    double rate = (records - failed.get()) / ((System.nanoTime() - start) / 1e9);
    try (Admin admin = Admin.create(common)) {
      admin.deleteTopics(List.of(topic)).all().get();
    }
    return rate;
  }
}
