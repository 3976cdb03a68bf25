package io.firebell.contracts.broadcast;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * One delivery attempt failed. When a retry is scheduled {@code nextAttemptAt} says when; when the
 * schedule is used up {@code delivery.exhausted} follows.
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
 * @param attempt which attempt failed, starting at 1
 * @param httpStatus the endpoint's answer, or null when there was none (timeout, connection
 *     refused, address refused by the SSRF guard, circuit open)
 * @param error what went wrong, one line
 * @param nextAttemptAt when the next attempt is due, or null when none will be made
 * @param failedAt when
 */
public record DeliveryFailed(
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
    Instant nextAttemptAt,
    Instant failedAt)
    implements FirebellEvent {

  /** The incident id: all of one incident's deliveries are ordered on one partition. */
  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
