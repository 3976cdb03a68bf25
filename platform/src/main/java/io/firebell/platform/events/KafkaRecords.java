package io.firebell.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one way Firebell writes to Kafka: binary-mode CloudEvents, and producers that report success
 * only once every in-sync replica has the record. Used by the outbox relay and by detection's
 * ingest (where Kafka itself is the durable store).
 */
public final class KafkaRecords {

  private KafkaRecords() {}

  /** A binary-mode CloudEvent 1.0 record: JSON data as the value, the envelope in headers. */
  public static ProducerRecord<String, byte[]> cloudEvent(
      String topic,
      String key,
      UUID id,
      String source,
      String type,
      Instant time,
      byte[] json,
      String traceparent) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_1_0));
    headers.add(CloudEventHeaders.ID, bytes(id.toString()));
    headers.add(CloudEventHeaders.SOURCE, bytes(source));
    headers.add(CloudEventHeaders.TYPE, bytes(type));
    headers.add(CloudEventHeaders.TIME, bytes(time.toString()));
    headers.add(CloudEventHeaders.SUBJECT, bytes(key));
    headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
    if (traceparent != null) {
      headers.add(CloudEventHeaders.TRACEPARENT, bytes(traceparent));
    }
    return new ProducerRecord<>(topic, null, key, json, headers);
  }

  /**
   * Producer settings for records that must not be lost: the client settings of the {@code kafka.*}
   * configuration (bootstrap servers, security), {@code acks=all}, idempotence with at most five
   * requests in flight (which keeps per-partition order), and timeouts bounded by {@code
   * ackTimeout}.
   *
   * @param maxBlock how long {@code send} may block on metadata or a full buffer
   */
  public static Map<String, Object> reliableProducer(
      Map<String, Object> kafkaConfig,
      String clientId,
      int lingerMs,
      Duration ackTimeout,
      Duration maxBlock) {
    Map<String, Object> props = clientSettings(kafkaConfig);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-" + UUID.randomUUID());
    int timeoutMs = (int) ackTimeout.toMillis();
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 5_000));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(timeoutMs, 6_000));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
    return props;
  }

  /**
   * The client settings of the {@code kafka.*} configuration (bootstrap servers, security), for a
   * producer or admin client of our own: the channels' (de)serializers are not ours.
   */
  public static Map<String, Object> clientSettings(Map<String, Object> kafkaConfig) {
    Map<String, Object> props = new HashMap<>();
    kafkaConfig.forEach(
        (key, value) -> {
          if (!key.contains("serializer") && !key.contains("deserializer")) {
            props.put(key, value);
          }
        });
    return props;
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
