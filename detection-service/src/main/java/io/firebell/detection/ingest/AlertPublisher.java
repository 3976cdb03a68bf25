package io.firebell.detection.ingest;

import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.contracts.detection.AlertBatchReceived;
import io.firebell.contracts.detection.AlertReceived;
import io.firebell.detection.config.DetectionConfig;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.events.KafkaRecords;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.tracing.Tracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes accepted alerts durable on {@code firebell.alerts.v1} before ingest answers: one {@link
 * AlertBatchReceived} CloudEvent per route key of a request (ADR 0105), keyed by the route key — on
 * {@code firebell.alerts.fresh.v1} instead for a key this instance has not seen recently ({@link
 * FreshKeys}, ADR 0107) — lz4-compressed, sent by an idempotent producer with {@code acks=all};
 * {@link #publish} completes only when the broker acknowledged every record of the request. This is
 * the one place a service writes to Kafka without the outbox (ADR 0100): the durable store of an
 * alert IS the topic, so there is no database state to keep consistent with it.
 *
 * <p>A traced request's records carry the {@code traceparent} of its {@code publish
 * firebell.alerts.v1} span (send to the last acknowledgement), so grouping continues the trace (ADR
 * 0140).
 */
@ApplicationScoped
public class AlertPublisher {

  private static final Logger LOG = Logger.getLogger(AlertPublisher.class);

  /** The producer's own request and delivery timeouts (KafkaRecords#reliableProducer). */
  private static final Duration PRODUCER_TIMEOUT = Duration.ofSeconds(10);

  /** Requests waiting for a sender thread at most; more answer 503 at once. */
  private static final int MAX_WAITING_REQUESTS = 10_000;

  private final Map<String, Object> kafkaConfig;
  private final EventCodec codec;
  private final DetectionConfig config;
  private final String source;
  private final Counter published;
  private final Timer ackLatency;
  private final IngestLoad load;
  private final BrokerStatus broker;
  private final ExecutorService senders;
  private final FreshKeys freshKeys;
  private final Counter fastLane;
  private final Tracing tracing;
  private volatile KafkaProducer<String, byte[]> producer;

  public AlertPublisher(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      EventCodec codec,
      DetectionConfig config,
      MeterRegistry registry,
      IngestLoad load,
      BrokerStatus broker,
      FreshKeys freshKeys,
      Tracing tracing,
      @ConfigProperty(name = "quarkus.application.name") String application) {
    this.tracing = tracing;
    this.load = load;
    this.broker = broker;
    this.freshKeys = freshKeys;
    this.fastLane =
        Counter.builder("firebell.ingest.fresh-lane.records")
            .description(
                "Records of route keys not seen recently, sent to firebell.alerts.fresh.v1 (ADR 0107)")
            .register(registry);
    this.senders = senders();
    this.kafkaConfig = kafkaConfig;
    this.codec = codec;
    this.config = config;
    this.source = "/firebell/" + application;
    this.published =
        Counter.builder("firebell.ingest.alerts")
            .description("Alerts made durable on firebell.alerts.v1")
            .register(registry);
    this.ackLatency =
        Timer.builder("firebell.ingest.broker.ack")
            .description("From send to the broker's acknowledgement of an ingest request")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  /**
   * Two threads: {@code send} is quick while the broker is up (it appends to a batch and
   * compresses), and while it is not, requests are answered by their deadline whatever these
   * threads are waiting on.
   */
  private static ExecutorService senders() {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        2,
        2,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(MAX_WAITING_REQUESTS),
        r -> {
          Thread t = new Thread(r, "firebell-ingest-send-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  void start(@Observes StartupEvent event) {
    KafkaProducer<String, byte[]> p = producer();
    // The first webhook must not wait for the partitions of its topic (ADR 0141): fetched now, on
    // a sender thread, while the service starts.
    senders.execute(
        () -> {
          for (String topic : List.of(Topics.ALERTS, Topics.ALERTS_FRESH)) {
            try {
              p.partitionsFor(topic);
            } catch (RuntimeException e) {
              LOG.debugf("ingest: partitions of %s not known yet: %s", topic, e.toString());
            }
          }
        });
  }

  void stop(@Observes ShutdownEvent event) {
    senders.shutdown();
    KafkaProducer<String, byte[]> p = producer;
    if (p != null) {
      p.close(Duration.ofSeconds(5));
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    KafkaProducer<String, byte[]> p = producer;
    if (p == null) {
      synchronized (this) {
        if (producer == null) {
          producer =
              new KafkaProducer<>(
                  producerConfig(), new StringSerializer(), new ByteArraySerializer());
        }
        p = producer;
      }
    }
    return p;
  }

  private Map<String, Object> producerConfig() {
    // The producer retries a record for longer than a request waits for it: a request answers 503
    // after ack-timeout, and a record that still arrives then is a duplicate that grouping folds
    // into the same alert row (ADR 0111).
    Map<String, Object> props =
        KafkaRecords.reliableProducer(
            kafkaConfig,
            "detection-ingest",
            config.ingest().lingerMs(),
            PRODUCER_TIMEOUT,
            config.ingest().ackTimeout());
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    // JSON alerts compress several times over: fewer bytes for the broker to write and replicate.
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // The largest record ingest accepts (ADR 0110); the topic's max.message.bytes is at least this.
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRecordBytes());
    return props;
  }

  /** The largest record ingest produces: the expanded-size limit plus the record's envelope. */
  public int maxRecordBytes() {
    return (int)
        Math.min(
            Integer.MAX_VALUE,
            config.ingest().maxExpandedBytes() + config.ingest().recordEnvelopeBytes());
  }

  /**
   * Sends every alert and completes when all are acknowledged by the in-sync replicas; fails with
   * 503 problem+json and {@code Retry-After} at once while the broker is known to be down, and when
   * it does not acknowledge within {@code ack-timeout} (the tool retries). {@code send} can block
   * (metadata, a full buffer), so it runs on this publisher's own threads, never on an event loop.
   */
  public Uni<Void> publish(List<AlertReceived> alerts) {
    if (alerts.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    if (!broker.up()) {
      return Uni.createFrom().failure(unavailable("the broker is unreachable"));
    }
    Span span = produceSpan();
    List<ProducerRecord<String, byte[]>> records;
    try {
      records = records(alerts, Tracing.traceparent(span), true);
    } catch (RuntimeException e) {
      span.end();
      throw e;
    }
    List<String> fastKeys = new ArrayList<>(1);
    for (ProducerRecord<String, byte[]> record : records) {
      if (Topics.ALERTS_FRESH.equals(record.topic())) {
        fastKeys.add(record.key());
      }
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!fastKeys.isEmpty() || span.getSpanContext().isValid()) {
      done.whenComplete(
          (ok, error) -> {
            if (error != null) {
              // Not accepted: a retry of the same alerts is still news.
              fastKeys.forEach(freshKeys::forget);
              span.setStatus(StatusCode.ERROR, error.toString());
            }
            span.end();
          });
    }
    long start = System.nanoTime();
    long deadline = start + config.ingest().ackTimeout().toNanos();
    try {
      senders.execute(() -> send(records, alerts.size(), start, deadline, done));
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(e);
      return Uni.createFrom().failure(unavailable("too many requests wait for the broker"));
    }
    return Uni.createFrom()
        .completionStage(done)
        .ifNoItem()
        .after(config.ingest().ackTimeout())
        .failWith(TimeoutException::new)
        .onFailure(e -> !(e instanceof ProblemException))
        .transform(
            e -> {
              LOG.warnf("ingest: alerts not acknowledged by Kafka: %s", e.toString());
              return unavailable("the broker did not acknowledge them in time");
            });
  }

  /** On a sender thread: hands the records to the producer unless the request gave up already. */
  private void send(
      List<ProducerRecord<String, byte[]>> records,
      int alerts,
      long start,
      long deadline,
      CompletableFuture<Void> done) {
    if (System.nanoTime() - deadline > 0) {
      done.completeExceptionally(new TimeoutException("not sent before the deadline"));
      return;
    }
    AtomicInteger remaining = new AtomicInteger(records.size());
    KafkaProducer<String, byte[]> p = producer();
    try {
      for (ProducerRecord<String, byte[]> record : records) {
        p.send(
            record,
            (metadata, error) -> {
              if (error != null) {
                done.completeExceptionally(error);
              } else if (remaining.decrementAndGet() == 0) {
                ackLatency.record(Duration.ofNanos(System.nanoTime() - start));
                published.increment(alerts);
                load.accepted(alerts);
                done.complete(null);
              }
            });
      }
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
  }

  private ProblemException unavailable(String why) {
    return ProblemException.unavailable(
        "broker-unavailable",
        "the alerts could not be made durable (" + why + "); nothing was accepted, retry later",
        config.ingest().retryAfterSeconds());
  }

  /** The request's produce span, when the request is a sampled trace's; else the invalid span. */
  private Span produceSpan() {
    if (!tracing.enabled() || !Span.current().getSpanContext().isSampled()) {
      return Span.getInvalid();
    }
    return tracing
        .span("publish " + EventTypes.ALERT_BATCH_RECEIVED.topic(), SpanKind.PRODUCER)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.operation.type", "publish")
        .setAttribute("messaging.destination.name", EventTypes.ALERT_BATCH_RECEIVED.topic())
        .startSpan();
  }

  /**
   * The records {@link #publish} would send for these alerts, not sent: the warm-up's (ADR 0141)
   * way through the encoding. It takes the fast lane of nothing.
   */
  List<ProducerRecord<String, byte[]>> encode(List<AlertReceived> alerts) {
    return records(alerts, null, false);
  }

  /** One record per route key, in the order of each key's first alert; alerts keep their order. */
  private List<ProducerRecord<String, byte[]>> records(
      List<AlertReceived> alerts, String traceparent, boolean lanes) {
    Map<String, List<AlertReceived>> byKey = new LinkedHashMap<>();
    for (AlertReceived alert : alerts) {
      byKey.computeIfAbsent(alert.routeKey(), k -> new ArrayList<>()).add(alert);
    }
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(byKey.size());
    Instant receivedAt = alerts.get(0).receivedAt();
    int maxBytes = maxRecordBytes() - config.ingest().recordEnvelopeBytes();
    Map<String, byte[]> jsonByKey = new LinkedHashMap<>();
    byKey.forEach(
        (routeKey, batch) -> {
          byte[] json = codec.toJsonBytes(new AlertBatchReceived(routeKey, batch));
          // The webhooks' limits are checked before expansion (IngestLimits); this also bounds the
          // single-alert formats, so that no request fails on every retry with a record too large.
          if (json.length > maxBytes) {
            throw new ProblemException(
                413,
                "payload-too-large",
                "Payload too large",
                "the alerts of route key "
                    + routeKey
                    + " are "
                    + json.length
                    + " bytes once normalized; at most "
                    + maxBytes
                    + " are accepted (max-expanded-bytes)",
                null);
          }
          jsonByKey.put(routeKey, json);
        });
    // Lanes are chosen once every record of the request is known to be acceptable.
    jsonByKey.forEach(
        (routeKey, json) -> {
          String topic = EventTypes.ALERT_BATCH_RECEIVED.topic();
          if (lanes && freshKeys.takeFastLane(routeKey)) {
            topic = Topics.ALERTS_FRESH;
            fastLane.increment();
          }
          records.add(
              KafkaRecords.cloudEvent(
                  topic,
                  routeKey,
                  UUID.randomUUID(),
                  source,
                  EventTypes.ALERT_BATCH_RECEIVED.name(),
                  receivedAt,
                  json,
                  traceparent));
        });
    return records;
  }
}
