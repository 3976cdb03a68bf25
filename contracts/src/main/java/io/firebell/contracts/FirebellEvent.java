package io.firebell.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The data of one Firebell event. It travels as the JSON data of a binary-mode CloudEvent; the
 * envelope (id, source, type, time, subject) lives in the Kafka record headers.
 *
 * <p>Implementations are records whose components are the JSON fields (camelCase, nulls written as
 * {@code null}). Consumers must ignore fields they do not know: changes are additive.
 */
public interface FirebellEvent {

  /**
   * The id of the aggregate the event is about; it is the Kafka record key and the CloudEvents
   * {@code subject}. Derived from the record's components, never part of the JSON data (a record
   * method without a getter name is not a Jackson property; the annotation makes that explicit).
   */
  @JsonIgnore
  String aggregateId();
}
