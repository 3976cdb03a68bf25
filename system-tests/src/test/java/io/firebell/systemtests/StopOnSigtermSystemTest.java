package io.firebell.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 20, target 5: a service asked to stop (SIGTERM, as Kubernetes and {@code ./firebell down}
 * ask) is gone within 5 s and logs no error while stopping.
 *
 * <p>review-service is the hard case: three Kafka consumers (the connector closes them one after
 * the other) and scheduled jobs that read the database. Its jobs run every 200 ms here, so one is
 * due or running whenever the signal comes; before boot/Quiesce they kept firing while the
 * consumers closed, after the pool was closed, and each logged "Pool closed" as an error (and the
 * service took 8.5 s to stop).
 *
 * <p>The second case stops it in the middle of a backlog: from the first moment of a stop the inbox
 * admits no new record ({@code InFlight.admit}), so the records the connector had already polled
 * are left uncommitted, and the next start applies each of them once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StopOnSigtermSystemTest {

  private static final String DATABASE = "firebell_review_stop";

  private static SuiteProcesses suite;

  @BeforeAll
  static void start() throws Exception {
    SuiteProcesses.freshDatabase("review", DATABASE);
    suite = new SuiteProcesses("stop");
    // A broker of its own: on the shared test broker the group review-service finds the records
    // every earlier test left, and how many of them are being applied when the signal comes is
    // chance.
    suite.startFreshKafka();
  }

  @AfterAll
  static void stop() throws Exception {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  @Order(1)
  void reviewServiceStopsWithinFiveSecondsWithoutErrors() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("FIREBELL_REVIEW_GAUGE_REFRESH", "200ms");
    env.put("FIREBELL_REVIEW_OVERDUE_CHECK", "200ms");
    SuiteProcesses.Service review = suite.startService("review", DATABASE, env);
    // Let the jobs run a few times and the consumers join their group.
    Thread.sleep(2_000);
    stopsCleanly(review);
  }

  @Test
  @Order(2)
  void reviewServiceStopsInTheMiddleOfABacklogAndTheNextStartAppliesTheRest() throws Exception {
    Map<String, String> env = new HashMap<>();
    SuiteProcesses.Service review = suite.startService("review", DATABASE, env);
    Thread.sleep(2_000);
    // Records review-service applies in a transaction each (their data is not JSON, so each is
    // parked), more than it gets through in the seconds it is given. Before the inbox stopped
    // admitting records, the connector kept handing over what it had polled, and the transaction
    // the closing pool cut off logged "Failed to rollback transaction".
    String type = "io.firebell.incident.declared.v1";
    int backlog = 3_000;
    backlog(type, backlog);
    await().atMost(Duration.ofSeconds(60)).until(() -> parked(type) > 0);
    stopsCleanly(review);

    // What the stop left unapplied is applied by the next start, each record once.
    long parkedAtStop = parked(type);
    assertThat(parkedAtStop).as("records applied before the stop").isLessThan(backlog);
    SuiteProcesses.Service again = suite.startService("review", DATABASE, env);
    try {
      await().atMost(Duration.ofSeconds(120)).until(() -> parked(type) >= backlog);
      Thread.sleep(1_000);
      assertThat(parked(type)).as("each record parked once").isEqualTo(backlog);
    } finally {
      again.process().destroy();
      again.process().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Sends SIGTERM and asserts the service is gone within 5 s, logged no error while stopping and
   * said it stopped.
   */
  private static void stopsCleanly(SuiteProcesses.Service review) throws Exception {
    long logBefore = Files.size(review.log());
    long signalled = System.nanoTime();
    review.process().destroy(); // SIGTERM
    boolean exited = review.process().waitFor(10, TimeUnit.SECONDS);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
    if (!exited) {
      review.process().destroyForcibly();
    }
    assertThat(exited).as("review-service exited within 10 s of SIGTERM").isTrue();
    assertThat(tookMs).as("ms from SIGTERM to exit").isLessThanOrEqualTo(5_000);
    String stopping = Files.readString(review.log()).substring((int) logBefore);
    List<String> errors = stopping.lines().filter(l -> l.contains("\"level\":\"ERROR\"")).toList();
    assertThat(errors).as("error lines logged while stopping").isEmpty();
    assertThat(stopping).contains("stopped in");
  }

  /** Puts {@code count} records of this type, each of another aggregate, on the incidents topic. */
  private static void backlog(String type, int count) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.bootstrap());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < count; i++) {
        String key = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record =
            new ProducerRecord<>(
                "firebell.incidents.v1", key, "not json".getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_source", "/firebell/stop-test");
        header(record, "ce_type", type);
        header(record, "ce_time", Instant.now().toString());
        header(record, "ce_subject", key);
        header(record, "content-type", "application/json");
        producer.send(record);
      }
      producer.flush();
    }
  }

  private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** How many records of this type review-service has parked. */
  private static long parked(String type) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres", "");
        PreparedStatement s =
            c.prepareStatement("select count(*) from parked_event where event_type = ?")) {
      s.setString(1, type);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
