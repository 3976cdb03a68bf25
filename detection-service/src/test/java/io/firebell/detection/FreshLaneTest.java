package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.contracts.detection.AlertBatchReceived;
import io.firebell.contracts.detection.AlertReceived;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.events.KafkaRecords;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The fast lane (ADR 0107): ingest sends the first record of a route key it has not seen recently
 * to {@code firebell.alerts.fresh.v1}, the next ones to {@code firebell.alerts.v1}; and a new
 * problem is grouped while a backlog of known keys still fills every partition of the bulk topic.
 */
@QuarkusTest
class FreshLaneTest {

  private static final int PARTITIONS = 6;

  @Inject AgroalDataSource db;
  @Inject EventCodec codec;

  private static String uniq() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aNewKeysFirstRecordTakesTheFastLaneAndItsNextOnesTheBulkTopic() {
    String token = Fixtures.integration("alertmanager");
    String name = "FreshLane" + uniq();
    try (TopicReader fresh = new TopicReader(Topics.ALERTS_FRESH);
        TopicReader bulk = new TopicReader(Topics.ALERTS)) {
      for (int i = 0; i < 3; i++) {
        post(token, name, uniq());
      }
      List<ConsumerRecord<String, byte[]>> first =
          fresh.await(r -> new String(r.value()).contains(name), 1, Duration.ofSeconds(10));
      List<ConsumerRecord<String, byte[]>> next =
          bulk.await(r -> new String(r.value()).contains(name), 2, Duration.ofSeconds(10));
      assertThat(first).hasSize(1);
      assertThat(next).hasSize(2);
      assertThat(fresh.drain(Duration.ofMillis(500)))
          .filteredOn(r -> new String(r.value()).contains(name))
          .hasSize(1);
      assertThat(first.get(0).key()).isEqualTo(next.get(0).key());
      assertThat(TopicReader.header(first.get(0), "ce_type"))
          .isEqualTo(EventTypes.ALERT_BATCH_RECEIVED.name());
    }
  }

  @Test
  void aNewProblemIsGroupedWhileKnownKeysFloodEveryPartition() throws Exception {
    String flood = "flood" + uniq();
    int recordsPerPartition = 200;
    int alertsPerRecord = 50;
    long floodAlerts = (long) PARTITIONS * recordsPerPartition * alertsPerRecord;
    // One known route key per partition of the bulk topic, so a new key shares its partition with
    // a backlog wherever it hashes.
    List<String> floodKeys = keysOnEveryPartition(flood);
    Instant t0 = Instant.now();
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (int r = 0; r < recordsPerPartition; r++) {
      for (String key : floodKeys) {
        List<AlertReceived> alerts = new ArrayList<>(alertsPerRecord);
        for (int i = 0; i < alertsPerRecord; i++) {
          alerts.add(alert(flood, key, key + "-" + r + "-" + i, t0));
        }
        records.add(
            KafkaRecords.cloudEvent(
                Topics.ALERTS,
                key,
                UUID.randomUUID(),
                "/firebell/test",
                EventTypes.ALERT_BATCH_RECEIVED.name(),
                Instant.now(),
                codec.toJsonBytes(new AlertBatchReceived(key, alerts)),
                null));
      }
    }
    sendAll(records);

    String token = Fixtures.integration("alertmanager");
    String name = "BrandNew" + uniq();
    long before = grouped(flood);
    long start = System.nanoTime();
    post(token, name, uniq());
    long deadline = start + Duration.ofSeconds(60).toNanos();
    while (scalar("select count(*) from alert_group where position(? in route_key) > 0", name)
        == 0) {
      assertThat(System.nanoTime()).as("the new problem is grouped").isLessThan(deadline);
      Thread.sleep(20);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long floodGrouped = grouped(flood);
    System.out.printf(
        "fast lane: a new problem grouped %.2f s after its webhook; flooding alerts grouped: %d of"
            + " %d when it was sent, %d when its group opened%n",
        seconds, before, floodAlerts, floodGrouped);
    assertThat(before).as("a backlog when the new problem arrives").isLessThan(floodAlerts / 2);
    assertThat(floodGrouped - before)
        .as("the new problem did not wait for the backlog of known keys")
        .isLessThan((floodAlerts - before) / 2);

    // The backlog is grouped too, exactly once (and the next test starts from a quiet topic).
    long floodDeadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (grouped(flood) < floodAlerts && System.nanoTime() < floodDeadline) {
      Thread.sleep(200);
    }
    assertThat(grouped(flood)).isEqualTo(floodAlerts);
    assertThat(scalar("select count(*) from alert_group where domain = ?", flood))
        .isEqualTo(PARTITIONS);
  }

  private static List<String> keysOnEveryPartition(String prefix) {
    String[] byPartition = new String[PARTITIONS];
    int found = 0;
    for (int i = 0; found < PARTITIONS; i++) {
      String key = prefix + "/Known" + i;
      int p = Utils.toPositive(Utils.murmur2(key.getBytes())) % PARTITIONS;
      if (byPartition[p] == null) {
        byPartition[p] = key;
        found++;
      }
    }
    return List.of(byPartition);
  }

  private static void post(String token, String name, String fingerprint) {
    given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(
            Fixtures.amPayload(
                "firing",
                0,
                Fixtures.amAlert("firing", name, "order-api", "critical", fingerprint)))
        .post("/v1/ingest/alertmanager")
        .then()
        .statusCode(202);
  }

  private static AlertReceived alert(
      String domain, String routeKey, String dedupKey, Instant receivedAt) {
    return new AlertReceived(
        UUID.randomUUID(),
        null,
        "alertmanager",
        dedupKey,
        "firing",
        "system",
        "warning",
        domain,
        "checkout",
        null,
        UUID.randomUUID(),
        routeKey,
        Map.of("alertname", routeKey, "instance", dedupKey, "severity", "warning"),
        Map.of("summary", "known alert " + dedupKey),
        "known alert " + dedupKey,
        Instant.parse("2026-03-12T10:00:00Z"),
        null,
        "http://prometheus/graph",
        Map.of(),
        Map.of("groupKey", "{}"),
        receivedAt);
  }

  private static void sendAll(List<ProducerRecord<String, byte[]>> records) throws Exception {
    Properties props = new Properties();
    props.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      List<Future<?>> acks = new ArrayList<>(records.size());
      records.forEach(r -> acks.add(producer.send(r)));
      for (Future<?> ack : acks) {
        ack.get(60, TimeUnit.SECONDS);
      }
    }
  }

  private long grouped(String domain) throws Exception {
    return scalar(
        "select count(*) from alert a join alert_group g on g.id = a.alert_group_id"
            + " where g.domain = ?",
        domain);
  }

  private long scalar(String sql, String param) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
