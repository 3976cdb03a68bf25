package io.firebell.platform.testing;

import io.firebell.contracts.EventType;
import io.firebell.platform.events.KafkaRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Puts CloudEvents on the test broker as another service would, for consumer tests. */
public final class TestEventProducer implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;

  public TestEventProducer() {
    Properties props = new Properties();
    props.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends one event with the given CloudEvent id and waits for the broker's acknowledgement. */
  public void send(EventType<?> type, UUID eventId, String key, String json) throws Exception {
    send(type, eventId, key, json, null);
  }

  /** Sends one event as a step of the trace {@code traceparent} names (its Kafka header). */
  public void send(EventType<?> type, UUID eventId, String key, String json, String traceparent)
      throws Exception {
    sendTo(type.topic(), type, eventId, key, json, traceparent);
  }

  /**
   * Sends one event to {@code topic} rather than its type's, e.g. an alert to ingest's fast lane
   * ({@code firebell.alerts.fresh.v1}).
   */
  public void sendTo(
      String topic, EventType<?> type, UUID eventId, String key, String json, String traceparent)
      throws Exception {
    producer
        .send(
            KafkaRecords.cloudEvent(
                topic,
                key,
                eventId,
                "/firebell/test",
                type.name(),
                Instant.now(),
                bytes(json),
                traceparent))
        .get(10, TimeUnit.SECONDS);
  }

  /** Sends a record exactly as given, e.g. one that is not a CloudEvent. */
  public void sendRaw(String topic, String key, byte[] value, RecordHeaders headers)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(10, TimeUnit.SECONDS);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
