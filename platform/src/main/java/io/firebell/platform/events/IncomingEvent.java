package io.firebell.platform.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvent read from Kafka, before its data is bound to a contracts record.
 *
 * @param key the Kafka record key (the aggregate id)
 * @param data the raw JSON data
 */
public record IncomingEvent(
    UUID id,
    String type,
    String source,
    Instant time,
    String subject,
    String key,
    String topic,
    int partition,
    long offset,
    byte[] data) {}
