package io.firebell.platform.outbox;

import io.firebell.contracts.Topics;
import io.firebell.platform.config.OutboxConfig;
import io.firebell.platform.events.KafkaRecords;
import io.firebell.platform.tracing.Tracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka, in commit order, and marks them sent only after the broker
 * acknowledged them ({@code acks=all}, idempotent producer).
 *
 * <p>It runs on a thread of its own so that it can wait for Kafka without holding an event loop. It
 * is woken at once by PostgreSQL {@code NOTIFY firebell_outbox} (fired by a trigger when a row
 * commits) and polls as a fallback. Each batch runs in a transaction that first takes a
 * transaction-scoped advisory lock, so with N replicas one relays at a time and the per-key order
 * of the outbox is the order on Kafka. A failed batch is rolled back and retried with backoff:
 * delivery is at-least-once, and consumers deduplicate by CloudEvent id.
 *
 * <p>A row written in a sampled trace is published under a {@code publish <topic>} span, a child of
 * the row's stored {@code traceparent}, and the record's {@code traceparent} header names that
 * span, so the consumer continues the same trace (ADR 0140).
 */
@ApplicationScoped
public class OutboxRelay {

  static final String CHANNEL = "firebell_outbox";

  /** The advisory lock a relay holds while it publishes a batch ("firebell"). */
  public static final long ADVISORY_LOCK = 0x6669726562656C6CL;

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private static final String LOCK = "select pg_try_advisory_xact_lock($1)";
  private static final String PENDING =
      "select id, topic, record_key, event_type, source, occurred_at, payload, traceparent"
          + " from outbox_message where sent_at is null order by seq limit $1";
  private static final String MARK_SENT =
      "update outbox_message set sent_at = now() where id = any($1)";

  private final OutboxConfig config;
  private final Pool pool;
  private final Vertx vertx;
  private final Clock clock;
  private final Map<String, Object> kafkaConfig;
  private final String datasourceUrl;
  private final String datasourceUser;
  private final String datasourcePassword;
  private final Semaphore wakeUp = new Semaphore(0);
  private final Counter published;
  private final Timer lag;
  private final Tracing tracing;

  private volatile boolean running;
  // Set once the first LISTEN is up: until then an event waits for the fallback poll (ADR 0131).
  private volatile boolean listened;
  private Thread worker;
  private KafkaProducer<String, byte[]> producer;
  private PgSubscriber subscriber;
  private Instant lastPurge = Instant.EPOCH;

  public OutboxRelay(
      OutboxConfig config,
      Pool pool,
      Vertx vertx,
      Clock clock,
      MeterRegistry registry,
      Tracing tracing,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String datasourceUrl,
      @ConfigProperty(name = "quarkus.datasource.username") String datasourceUser,
      @ConfigProperty(name = "quarkus.datasource.password") String datasourcePassword) {
    this.config = config;
    this.tracing = tracing;
    this.pool = pool;
    this.vertx = vertx;
    this.clock = clock;
    this.kafkaConfig = kafkaConfig;
    this.datasourceUrl = datasourceUrl;
    this.datasourceUser = datasourceUser;
    this.datasourcePassword = datasourcePassword;
    this.published =
        Counter.builder("firebell.outbox.published")
            .description("Events published from the outbox")
            .register(registry);
    this.lag =
        Timer.builder("firebell.outbox.lag")
            .description("From the event's commit to the broker's acknowledgement")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  void start(@Observes StartupEvent event) {
    if (!config.relayEnabled()) {
      LOG.info("outbox relay disabled on this instance");
      return;
    }
    producer =
        new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
    listen();
    running = true;
    worker = new Thread(this::run, "firebell-outbox-relay");
    worker.setDaemon(true);
    worker.start();
    // Apart from the relay: a topic that does not exist yet must not hold the relay up.
    Thread partitions = new Thread(this::knowPartitions, "firebell-outbox-partitions");
    partitions.setDaemon(true);
    partitions.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (worker != null) {
      worker.interrupt();
      try {
        worker.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (subscriber != null) {
      subscriber.closeAndForget();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Fetches the partitions of every topic an outbox may publish to before the first event, so that
   * the first incident's event does not wait for them (ADR 0141).
   */
  private void knowPartitions() {
    for (String topic : Topics.ALL) {
      try {
        producer.partitionsFor(topic);
      } catch (RuntimeException e) {
        LOG.debugf("outbox relay: partitions of %s not known yet: %s", topic, e.toString());
      }
    }
  }

  /**
   * Whether this instance relays at once: its relay is off (another instance relays), or its first
   * {@code LISTEN} is up. A later lost connection does not count: the poll covers it until the
   * listener reconnects, and taking the instance out of service for it would do more harm.
   */
  public boolean wokenAtOnce() {
    return !config.relayEnabled() || listened;
  }

  /** Wakes the relay now instead of at its next poll. */
  public void wake() {
    if (wakeUp.availablePermits() == 0) {
      wakeUp.release();
    }
  }

  private Map<String, Object> producerConfig() {
    return KafkaRecords.reliableProducer(
        kafkaConfig, "outbox-relay", 1, config.sendTimeout(), config.sendTimeout());
  }

  private void listen() {
    PgConnectOptions options =
        PgConnectOptions.fromUri(datasourceUrl.replaceFirst("^vertx-reactive:", ""));
    options.setUser(datasourceUser).setPassword(datasourcePassword);
    subscriber = PgSubscriber.subscriber(vertx, options);
    subscriber.reconnectPolicy(retries -> 1_000L);
    subscriber.channel(CHANNEL).handler(payload -> wake());
    // After a (re)connect, notifications sent meanwhile are lost: look at once.
    subscriber.channel(CHANNEL).subscribeHandler(this::wake);
    subscriber
        .connect()
        .subscribe()
        .with(
            ok -> {
              listened = true;
              LOG.debug("listening on " + CHANNEL);
            },
            failure ->
                LOG.warn(
                    "outbox LISTEN failed, polling until it reconnects: " + failure.getMessage()));
  }

  private void run() {
    long backoffMs = 100;
    while (running) {
      try {
        int count = relayBatch();
        backoffMs = 100;
        purgeSentRows();
        if (count < config.batchSize()) {
          wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          wakeUp.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warnf("outbox relay: batch failed, retrying in %d ms: %s", backoffMs, e.getMessage());
        try {
          Thread.sleep(backoffMs);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
        backoffMs = Math.min(backoffMs * 2, config.maxBackoff().toMillis());
      }
    }
  }

  /**
   * Publishes one batch; returns how many rows it looked at.
   *
   * <p>Its statements are pipelined on the connection (ADR 0144): {@code BEGIN}, the advisory lock
   * and the select go out together and cost one round trip, and so do the update and {@code
   * COMMIT}. The rows read without the lock are dropped unsent; the lock is taken before the select
   * runs, so a relay that holds it reads what no other relay is publishing. When any of the three
   * fails, closing the connection (below) rolls the transaction back.
   */
  int relayBatch() throws InterruptedException {
    Duration dbTimeout = Duration.ofSeconds(10);
    SqlConnection connection = pool.getConnection().await().atMost(dbTimeout);
    try {
      var opened =
          Uni.combine()
              .all()
              .unis(
                  connection.begin(),
                  connection.preparedQuery(LOCK).execute(Tuple.of(ADVISORY_LOCK)),
                  connection.preparedQuery(PENDING).execute(Tuple.of(config.batchSize())))
              .asTuple()
              .await()
              .atMost(dbTimeout);
      Transaction tx = opened.getItem1();
      try {
        boolean locked = opened.getItem2().iterator().next().getBoolean(0);
        if (!locked) {
          tx.rollback().await().atMost(dbTimeout);
          return 0; // another replica is relaying
        }
        List<Row> rows = new ArrayList<>();
        opened.getItem3().forEach(rows::add);
        if (rows.isEmpty()) {
          tx.rollback().await().atMost(dbTimeout);
          return 0;
        }
        List<UUID> sent = send(rows);
        if (sent.isEmpty()) {
          tx.commit().await().atMost(dbTimeout);
        } else {
          Uni.combine()
              .all()
              .unis(
                  connection.preparedQuery(MARK_SENT).execute(Tuple.of(sent.toArray(UUID[]::new))),
                  tx.commit())
              .discardItems()
              .await()
              .atMost(dbTimeout);
        }
        if (sent.size() < rows.size()) {
          throw new IllegalStateException(
              (rows.size() - sent.size())
                  + " of "
                  + rows.size()
                  + " events not acknowledged by Kafka");
        }
        return rows.size();
      } catch (RuntimeException | InterruptedException e) {
        tx.rollback().subscribe().with(ok -> {}, failure -> {});
        throw e;
      }
    } finally {
      connection.closeAndForget();
    }
  }

  /**
   * Sends the rows in order and waits for every acknowledgement. Returns the ids that were
   * acknowledged and may be marked sent: once an event of a key failed, the later events of that
   * key stay unsent so their retry keeps the key's order.
   */
  private List<UUID> send(List<Row> rows) throws InterruptedException {
    List<Future<?>> futures = new ArrayList<>(rows.size());
    Span[] spans = new Span[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      spans[i] = publishSpan(row);
      try {
        futures.add(producer.send(toRecord(row, spans[i])));
      } catch (RuntimeException e) {
        futures.add(java.util.concurrent.CompletableFuture.failedFuture(e));
      }
    }
    long deadline = System.nanoTime() + config.sendTimeout().toNanos();
    Set<String> failedKeys = new HashSet<>();
    List<UUID> acknowledged = new ArrayList<>(rows.size());
    Instant now = Instant.now(clock);
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      String key = row.getString("record_key");
      try {
        long remaining = Math.max(0, deadline - System.nanoTime());
        futures.get(i).get(remaining, TimeUnit.NANOSECONDS);
        spans[i].end();
        if (!failedKeys.contains(key)) {
          acknowledged.add(row.getUUID("id"));
          published.increment();
          lag.record(Duration.between(row.getOffsetDateTime("occurred_at").toInstant(), now));
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        spans[i].setStatus(StatusCode.ERROR, e.toString());
        spans[i].end();
        failedKeys.add(key);
        LOG.debugf("outbox event %s not acknowledged: %s", row.getUUID("id"), e.getMessage());
      }
    }
    return acknowledged;
  }

  /** The row's publish span, under its stored traceparent; invalid when the row is not traced. */
  private Span publishSpan(Row row) {
    Context parent = tracing.extract(row.getString("traceparent"));
    if (parent == null || !Span.fromContext(parent).getSpanContext().isSampled()) {
      return Span.getInvalid();
    }
    String topic = row.getString("topic");
    return tracing
        .span("publish " + topic, SpanKind.PRODUCER)
        .setParent(parent)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.operation.type", "publish")
        .setAttribute("messaging.destination.name", topic)
        .setAttribute("messaging.message.id", row.getUUID("id").toString())
        .setAttribute("cloudevents.event_type", row.getString("event_type"))
        .startSpan();
  }

  private static ProducerRecord<String, byte[]> toRecord(Row row, Span span) {
    String traceparent = Tracing.traceparent(span);
    return KafkaRecords.cloudEvent(
        row.getString("topic"),
        row.getString("record_key"),
        row.getUUID("id"),
        row.getString("source"),
        row.getString("event_type"),
        row.getOffsetDateTime("occurred_at").toInstant(),
        row.getString("payload").getBytes(StandardCharsets.UTF_8),
        traceparent != null ? traceparent : row.getString("traceparent"));
  }

  private void purgeSentRows() {
    Instant now = Instant.now(clock);
    if (Duration.between(lastPurge, now).compareTo(Duration.ofMinutes(10)) < 0) {
      return;
    }
    lastPurge = now;
    pool.preparedQuery("delete from outbox_message where sent_at < $1")
        .execute(
            Tuple.of(
                OffsetDateTime.ofInstant(now.minus(config.retention()), java.time.ZoneOffset.UTC)))
        .await()
        .atMost(Duration.ofSeconds(30));
  }
}
