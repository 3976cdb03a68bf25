package io.firebell.contracts.broadcast;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * Every attempt of a delivery failed (or the endpoint answered 410 and was disabled): the delivery
 * is dead-lettered and waits for a replay.
 *
 * <p><b>Record key:</b> the incident id, not the delivery id, so that all of one incident's
 * deliveries (and its updates) are ordered on one partition.
 *
 * @param deliveryId the delivery
 * @param messageKind {@code announcement}, {@code update} or {@code report_share}
 * @param messageId the announcement, update or share id
 * @param incidentId the incident; the record key
 * @param endpointId the endpoint
 * @param endpointName the endpoint's display name
 * @param channel {@code slack}, {@code teams} or {@code webhook}
 * @param audience the audience key the message was rendered for
 * @param attempt the number of attempts made
 * @param httpStatus the last answer, or null when the last attempt got none
 * @param error the last error, one line
 * @param exhaustedAt when it was dead-lettered
 */
public record DeliveryExhausted(
    UUID deliveryId,
    String messageKind,
    UUID messageId,
    UUID incidentId,
    UUID endpointId,
    String endpointName,
    String channel,
    String audience,
    int attempt,
    Integer httpStatus,
    String error,
    Instant exhaustedAt)
    implements FirebellEvent {

  /** The incident id: all of one incident's deliveries are ordered on one partition. */
  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
