package io.firebell.detection.ingest;

import io.firebell.contracts.EventTypes;
import io.firebell.contracts.detection.AlertBatchReceived;
import io.firebell.contracts.detection.AlertReceived;
import io.firebell.detection.config.DetectionConfig;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.events.KafkaRecords;
import io.firebell.platform.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import java.util.concurrent.CompletableFuture;
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
 * AlertBatchReceived} CloudEvent per route key of a request (ADR 0105), keyed by the route key,
 * lz4-compressed, sent by an idempotent producer with {@code acks=all}; {@link #publish} completes
 * only when the broker acknowledged every record of the request. This is the one place a service
 * writes to Kafka without the outbox (ADR 0100): the durable store of an alert IS the topic, so
 * there is no database state to keep consistent with it.
 */
@ApplicationScoped
public class AlertPublisher {

  private static final Logger LOG = Logger.getLogger(AlertPublisher.class);

  private final Map<String, Object> kafkaConfig;
  private final EventCodec codec;
  private final DetectionConfig config;
  private final String source;
  private final Counter published;
  private final Timer ackLatency;
  private final IngestLoad load;
  private volatile KafkaProducer<String, byte[]> producer;

  public AlertPublisher(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      EventCodec codec,
      DetectionConfig config,
      MeterRegistry registry,
      IngestLoad load,
      @ConfigProperty(name = "quarkus.application.name") String application) {
    this.load = load;
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

  void start(@Observes StartupEvent event) {
    producer();
  }

  void stop(@Observes ShutdownEvent event) {
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
    // Never block an event loop for long on metadata or a full buffer: fail the request instead.
    Map<String, Object> props =
        KafkaRecords.reliableProducer(
            kafkaConfig,
            "detection-ingest",
            config.ingest().lingerMs(),
            config.ingest().ackTimeout(),
            Duration.ofSeconds(2));
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    // JSON alerts compress several times over: fewer bytes for the broker to write and replicate.
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return props;
  }

  /**
   * Sends every alert and completes when all are acknowledged by the in-sync replicas; fails with
   * 503 problem+json when the broker does not acknowledge in time (the tool retries).
   */
  public Uni<Void> publish(List<AlertReceived> alerts) {
    if (alerts.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<ProducerRecord<String, byte[]>> records = records(alerts);
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger remaining = new AtomicInteger(records.size());
    long start = System.nanoTime();
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
                published.increment(alerts.size());
                load.accepted(alerts.size());
                done.complete(null);
              }
            });
      }
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
    return Uni.createFrom()
        .completionStage(done)
        .ifNoItem()
        .after(config.ingest().ackTimeout())
        .failWith(TimeoutException::new)
        .onFailure()
        .transform(
            e -> {
              LOG.warnf("ingest: alerts not acknowledged by Kafka: %s", e.toString());
              return new ProblemException(
                  503,
                  "broker-unavailable",
                  "Service unavailable",
                  "the alerts could not be made durable; nothing was accepted, retry later",
                  null);
            });
  }

  /** One record per route key, in the order of each key's first alert; alerts keep their order. */
  private List<ProducerRecord<String, byte[]>> records(List<AlertReceived> alerts) {
    Map<String, List<AlertReceived>> byKey = new LinkedHashMap<>();
    for (AlertReceived alert : alerts) {
      byKey.computeIfAbsent(alert.routeKey(), k -> new ArrayList<>()).add(alert);
    }
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(byKey.size());
    Instant receivedAt = alerts.get(0).receivedAt();
    byKey.forEach(
        (routeKey, batch) ->
            records.add(
                KafkaRecords.cloudEvent(
                    EventTypes.ALERT_BATCH_RECEIVED.topic(),
                    routeKey,
                    UUID.randomUUID(),
                    source,
                    EventTypes.ALERT_BATCH_RECEIVED.name(),
                    receivedAt,
                    codec.toJsonBytes(new AlertBatchReceived(routeKey, batch)),
                    null)));
    return records;
  }
}
