package io.firebell.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * A record a consumer could not apply, as it came from Kafka, with why and how often it failed.
 *
 * @param eventId the CloudEvent id, or null when the envelope could not be read
 * @param eventType the CloudEvent type, or null when the record has none
 * @param attempts the attempts made at its effect (1 for a malformed record, parked at once)
 */
public record ParkedEvent(
    UUID id,
    String consumer,
    String topic,
    int partition,
    long offset,
    String key,
    List<Header> headers,
    byte[] value,
    UUID eventId,
    String eventType,
    String errorClass,
    String errorMessage,
    int attempts,
    Instant firstFailedAt,
    Instant lastFailedAt,
    Instant parkedAt) {

  /** A Kafka record header, its value as the bytes that came. */
  public record Header(String name, byte[] value) {}

  /** The record again, as the consumer received it, for a replay. */
  public ConsumerRecord<String, byte[]> toRecord() {
    RecordHeaders recordHeaders = new RecordHeaders();
    headers.forEach(h -> recordHeaders.add(new RecordHeader(h.name(), h.value())));
    return new ConsumerRecord<>(
        topic,
        partition,
        offset,
        ConsumerRecord.NO_TIMESTAMP,
        TimestampType.NO_TIMESTAMP_TYPE,
        ConsumerRecord.NULL_SIZE,
        value == null ? ConsumerRecord.NULL_SIZE : value.length,
        key,
        value,
        recordHeaders,
        Optional.empty());
  }

  /** Where it was on Kafka, as the log lines say it: {@code topic-partition@offset}. */
  public String position() {
    return topic + "-" + partition + "@" + offset;
  }

  static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
