package io.firebell.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.contracts.detection.AlertBatchReceived;
import io.firebell.contracts.detection.AlertReceived;
import io.firebell.detection.config.DetectionConfig;
import io.firebell.detection.messaging.AlertsConsumer;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.events.KafkaRecords;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The batched grouping consumer (ADR 0104), fed directly on {@code firebell.alerts.v1}: throughput,
 * dedup inside a batch, a redelivered batch, flapping inside one batch, and two transactions
 * grouping the same new route keys at once (two instances during a rebalance).
 */
@QuarkusTest
class GroupingBatchTest {

  @Inject AgroalDataSource db;
  @Inject EventCodec codec;
  @Inject AlertsConsumer consumer;
  @Inject DetectionConfig detectionConfig;

  private static String uniq() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** An alert as ingest publishes it; no route of that id exists, so nothing is paged. */
  private static AlertReceived alert(
      String domain, String routeKey, String dedupKey, String status, Instant receivedAt) {
    return new AlertReceived(
        UUID.randomUUID(),
        null,
        "alertmanager",
        dedupKey,
        status,
        "system",
        "critical",
        domain,
        "checkout",
        null,
        UUID.randomUUID(),
        routeKey,
        Map.of("alertname", routeKey, "instance", dedupKey, "severity", "critical"),
        Map.of("summary", "test alert " + dedupKey),
        "test alert " + dedupKey,
        Instant.parse("2026-03-12T10:00:00Z"),
        "resolved".equals(status) ? receivedAt : null,
        "http://prometheus/graph",
        Map.of(),
        Map.of("groupKey", "{}"),
        receivedAt);
  }

  private ProducerRecord<String, byte[]> record(AlertReceived a, UUID eventId) {
    return KafkaRecords.cloudEvent(
        Topics.ALERTS,
        a.routeKey(),
        eventId,
        "/firebell/test",
        EventTypes.ALERT_RECEIVED.name(),
        Instant.now(),
        codec.toJson(a).getBytes(StandardCharsets.UTF_8),
        null);
  }

  private static KafkaProducer<String, byte[]> producer() {
    Properties props = new Properties();
    props.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  private static void sendAll(List<ProducerRecord<String, byte[]>> records) throws Exception {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      List<Future<?>> acks = new ArrayList<>(records.size());
      records.forEach(r -> acks.add(producer.send(r)));
      for (Future<?> ack : acks) {
        ack.get(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void groupsTwentyThousandRecordsInBatchesAndARedeliveryChangesNothing() throws Exception {
    String domain = "batch" + uniq();
    int keys = 50;
    int perKey = 200;
    Instant t0 = Instant.now();
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (int copy = 0; copy < 2; copy++) {
      for (int k = 0; k < keys; k++) {
        for (int i = 0; i < perKey; i++) {
          records.add(
              record(
                  alert(
                      domain,
                      domain + "/k" + k,
                      "fp-" + k + "-" + i,
                      "firing",
                      t0.plusMillis(copy)),
                  UUID.randomUUID()));
        }
      }
    }
    long started = System.nanoTime();
    sendAll(records);
    long produced = System.nanoTime();
    long expected = records.size();
    awaitReceives(domain, expected, Duration.ofMinutes(4));
    long grouped = System.nanoTime();
    assertThat(receives(domain)).isEqualTo(expected);
    System.out.printf(
        Locale.ROOT,
        "grouping: %d alert records (%d distinct, %d route keys) produced in %.1f s, grouped %.1f"
            + " s after the first was sent: %.0f alerts/s%n",
        expected,
        keys * perKey,
        keys,
        (produced - started) / 1e9,
        (grouped - started) / 1e9,
        expected / ((grouped - started) / 1e9));
    assertThat(scalar("select count(*) from alert_group where domain = ?", domain)).isEqualTo(keys);
    assertThat(
            scalar(
                "select count(*) from alert a join alert_group g on g.id = a.alert_group_id"
                    + " where g.domain = ?",
                domain))
        .isEqualTo((long) keys * perKey);
    assertThat(scalar("select min(alert_count) from alert_group where domain = ?", domain))
        .isEqualTo(perKey);

    // The same records again (same CloudEvent ids, as after a rebalance or a crash before the
    // offset commit), then a marker per key behind them on the same partitions.
    List<ProducerRecord<String, byte[]>> again = new ArrayList<>(records);
    for (int k = 0; k < keys; k++) {
      again.add(
          record(alert(domain, domain + "/k" + k, "marker-" + k, "firing", t0), UUID.randomUUID()));
    }
    sendAll(again);
    awaitReceives(domain, expected + keys, Duration.ofMinutes(2));
    assertThat(receives(domain)).isEqualTo(expected + keys);
  }

  /** As ingest publishes a request's alerts of one route key: one alert-batch.received record. */
  private ProducerRecord<String, byte[]> batchRecord(List<AlertReceived> alerts, UUID eventId) {
    String routeKey = alerts.get(0).routeKey();
    return KafkaRecords.cloudEvent(
        Topics.ALERTS,
        routeKey,
        eventId,
        "/firebell/test",
        EventTypes.ALERT_BATCH_RECEIVED.name(),
        Instant.now(),
        codec.toJsonBytes(new AlertBatchReceived(routeKey, alerts)),
        null);
  }

  @Test
  void batchRecordsSpanningSeveralTransactionsAreAppliedInOrderAndARedeliveryChangesNothing()
      throws Exception {
    String domain = "reqs" + uniq();
    int keys = 10;
    int perRequest = 50;
    Instant t0 = Instant.now();
    // 480 requests of 50 alerts (24,000 alerts, more than two transactions' worth): each key's
    // 100 distinct alerts sent in two requests, re-sent round after round.
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (int round = 0; round < 24; round++) {
      for (int k = 0; k < keys; k++) {
        for (int half = 0; half < 2; half++) {
          List<AlertReceived> alerts = new ArrayList<>(perRequest);
          for (int i = 0; i < perRequest; i++) {
            alerts.add(
                alert(
                    domain,
                    domain + "/k" + k,
                    "fp-" + (half * perRequest + i),
                    "firing",
                    t0.plusMillis(round)));
          }
          records.add(batchRecord(alerts, UUID.randomUUID()));
        }
      }
    }
    // Behind them, on key 0's partition: a single alert.received resolving one of its alerts.
    records.add(
        record(
            alert(domain, domain + "/k0", "fp-0", "resolved", t0.plusMillis(100)),
            UUID.randomUUID()));
    long expected = 24L * keys * 2 * perRequest + 1;
    assertThat(expected).isGreaterThan(2L * AlertsConsumer.MAX_ALERTS_PER_TRANSACTION);
    sendAll(records);
    awaitReceives(domain, expected, Duration.ofMinutes(3));
    assertThat(receives(domain)).isEqualTo(expected);
    assertThat(scalar("select count(*) from alert_group where domain = ?", domain)).isEqualTo(keys);
    assertThat(
            scalar(
                "select count(*) from alert a join alert_group g on g.id = a.alert_group_id"
                    + " where g.domain = ?",
                domain))
        .isEqualTo((long) keys * 2 * perRequest);
    assertThat(
            scalar(
                "select firing_count from alert_group where domain = ? and route_key = ?",
                domain,
                domain + "/k0"))
        .isEqualTo(2L * perRequest - 1);

    // The same records again (same CloudEvent ids), then a marker per key behind them.
    List<ProducerRecord<String, byte[]>> again = new ArrayList<>(records);
    for (int k = 0; k < keys; k++) {
      again.add(
          batchRecord(
              List.of(alert(domain, domain + "/k" + k, "marker-" + k, "firing", t0)),
              UUID.randomUUID()));
    }
    sendAll(again);
    awaitReceives(domain, expected + keys, Duration.ofMinutes(2));
    assertThat(receives(domain)).isEqualTo(expected + keys);
  }

  @Test
  void groupingYieldsOnlyToThisInstancesOwnIngest() {
    DetectionConfig.Grouping g = detectionConfig.grouping();
    assertThat(g.yieldAboveAlertsPerSecond()).isEqualTo(2000);
    // The worker of ADR 0106 has no ingest: it never yields, however busy the machine (ADR 0107).
    assertThat(AlertsConsumer.yields(0, g)).isFalse();
    // An instance that also ingests yields while it accepts 2,000 alerts/s or more.
    assertThat(AlertsConsumer.yields(2000, g)).isTrue();
    assertThat(AlertsConsumer.yields(1999, g)).isFalse();
  }

  @Test
  void chunksNeverSplitARecordAndKeepOrder() {
    int max = AlertsConsumer.MAX_ALERTS_PER_TRANSACTION;
    List<Integer> sizes = List.of(max * 6 / 10, max * 3 / 10, max * 12 / 100, 50, max + 1, 1, 1);
    List<List<Integer>> chunks = AlertsConsumer.chunks(sizes, n -> n);
    assertThat(chunks)
        .containsExactly(
            List.of(max * 6 / 10, max * 3 / 10),
            List.of(max * 12 / 100, 50),
            List.of(max + 1),
            List.of(1, 1));
  }

  @Test
  void copiesInOneBatchAreOneAlertAndAFlapInOneBatchReopensTheGroup() throws Exception {
    String domain = "flap" + uniq();
    String key = domain + "/flap";
    Instant t = Instant.now();
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      records.add(record(alert(domain, key, "a", "firing", t.plusMillis(i)), UUID.randomUUID()));
    }
    records.add(record(alert(domain, key, "a", "resolved", t.plusMillis(10)), UUID.randomUUID()));
    records.add(record(alert(domain, key, "a", "firing", t.plusMillis(20)), UUID.randomUUID()));
    records.add(record(alert(domain, key, "b", "firing", t.plusMillis(30)), UUID.randomUUID()));
    sendAll(records);
    awaitReceives(domain, records.size(), Duration.ofSeconds(60));
    assertThat(receives(domain)).isEqualTo(records.size());
    assertThat(scalar("select count(*) from alert_group where domain = ?", domain)).isEqualTo(1);
    assertThat(scalar("select flap_count from alert_group where domain = ?", domain)).isEqualTo(1);
    assertThat(scalar("select firing_count from alert_group where domain = ?", domain))
        .isEqualTo(2);
    assertThat(
            scalar(
                "select count(*) from alert_group where domain = ? and resolved_at is null"
                    + " and status = 'open'",
                domain))
        .isEqualTo(1);
    assertThat(
            scalar(
                "select receive_count from alert a join alert_group g on g.id = a.alert_group_id"
                    + " where g.domain = ? and a.dedup_key = 'a'",
                domain))
        .isEqualTo(7);
  }

  @Test
  void twoTransactionsGroupingTheSameNewKeysAtOnceMakeOneGroupPerKey() throws Exception {
    String domain = "race" + uniq();
    int keys = 5;
    // Two "instances" receive different copies (their own event ids) of the same alerts, as
    // during a rebalance while an HA pair sends: both batches open the same route keys.
    List<ConsumerRecords<String, byte[]>> batches = new ArrayList<>();
    Instant t = Instant.now();
    for (int instance = 0; instance < 2; instance++) {
      List<ConsumerRecord<String, byte[]>> list = new ArrayList<>();
      for (int k = 0; k < keys; k++) {
        for (int i = 0; i < 10; i++) {
          ProducerRecord<String, byte[]> p =
              record(
                  alert(domain, domain + "/k" + k, "fp-" + i, "firing", t.plusMillis(instance)),
                  UUID.randomUUID());
          ConsumerRecord<String, byte[]> c =
              new ConsumerRecord<>(p.topic(), 0, list.size(), p.key(), p.value());
          p.headers().forEach(h -> c.headers().add(h));
          list.add(c);
        }
      }
      batches.add(new ConsumerRecords<>(Map.of(new TopicPartition(Topics.ALERTS, 0), list)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CyclicBarrier together = new CyclicBarrier(2);
    List<Future<?>> done = new ArrayList<>();
    for (ConsumerRecords<String, byte[]> batch : batches) {
      done.add(
          pool.submit(
              () -> {
                together.await(10, TimeUnit.SECONDS);
                try {
                  consumer.onAlerts(batch);
                  return null;
                } catch (Throwable e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    for (Future<?> f : done) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();
    assertThat(scalar("select count(*) from alert_group where domain = ?", domain)).isEqualTo(keys);
    assertThat(
            scalar(
                "select count(*) from alert a join alert_group g on g.id = a.alert_group_id"
                    + " where g.domain = ?",
                domain))
        .isEqualTo(keys * 10L);
    assertThat(receives(domain)).isEqualTo(2L * keys * 10);
  }

  /** Waits until the domain's alerts were received {@code expected} times, or the timeout. */
  private void awaitReceives(String domain, long expected, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (receives(domain) < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private long receives(String domain) throws Exception {
    return scalar(
        "select coalesce(sum(a.receive_count),0) from alert a join alert_group g on"
            + " g.id = a.alert_group_id where g.domain = ?",
        domain);
  }

  private long scalar(String sql, String... params) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
