package io.firebell.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.contracts.EventType;
import io.firebell.contracts.FirebellEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Turns contracts records into CloudEvent data and Kafka records back into events. */
@ApplicationScoped
public class EventCodec {

  private final ObjectMapper mapper;

  public EventCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public String toJson(FirebellEvent event) {
    try {
      return mapper.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + event.getClass().getName(), e);
    }
  }

  /** The event's JSON data as UTF-8 bytes, without an intermediate String. */
  public byte[] toJsonBytes(FirebellEvent event) {
    try {
      return mapper.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + event.getClass().getName(), e);
    }
  }

  /**
   * Reads the CloudEvent envelope of a record.
   *
   * @throws MalformedEventException when it is not a binary-mode CloudEvent 1.0
   */
  public IncomingEvent read(ConsumerRecord<String, byte[]> record) {
    Headers headers = record.headers();
    String specVersion = header(headers, CloudEventHeaders.SPEC_VERSION);
    if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
      throw new MalformedEventException(
          "not a CloudEvent 1.0 (ce_specversion=" + specVersion + ")");
    }
    String id = required(headers, CloudEventHeaders.ID);
    String type = required(headers, CloudEventHeaders.TYPE);
    String time = header(headers, CloudEventHeaders.TIME);
    try {
      return new IncomingEvent(
          UUID.fromString(id),
          type,
          header(headers, CloudEventHeaders.SOURCE),
          time == null ? null : Instant.parse(time),
          header(headers, CloudEventHeaders.SUBJECT),
          record.key(),
          record.topic(),
          record.partition(),
          record.offset(),
          record.value());
    } catch (RuntimeException e) {
      throw new MalformedEventException("bad CloudEvent envelope: " + e.getMessage());
    }
  }

  /** Binds the event's JSON data to the record of its type. */
  public <T extends FirebellEvent> T data(IncomingEvent event, EventType<T> type) {
    if (!type.name().equals(event.type())) {
      throw new IllegalArgumentException(
          "event " + event.id() + " is " + event.type() + ", not " + type.name());
    }
    try {
      return mapper.readValue(event.data(), type.dataClass());
    } catch (IOException e) {
      throw new MalformedEventException(
          "event " + event.id() + " has data that is not a " + type.name() + ": " + e.getMessage());
    }
  }

  private static String required(Headers headers, String name) {
    String value = header(headers, name);
    if (value == null || value.isBlank()) {
      throw new MalformedEventException("CloudEvent header " + name + " is missing");
    }
    return value;
  }

  static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
