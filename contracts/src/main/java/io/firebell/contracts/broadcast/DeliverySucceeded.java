package io.firebell.contracts.broadcast;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A message reached an endpoint (a 2xx answer).
 *
 * <p><b>Record key:</b> the incident id, not the delivery id, so that all of one incident's
 * deliveries (and its updates) are ordered on one partition.
 *
 * @param deliveryId the delivery (one message to one endpoint, over all its attempts)
 * @param messageKind what was delivered: {@code announcement} (the fire alarm), {@code update} (an
 *     {@code update.published}) or {@code report_share} (a published report shared org-wide)
 * @param messageId the announcement, update or share id
 * @param incidentId the incident; the record key
 * @param endpointId the endpoint
 * @param endpointName the endpoint's display name
 * @param channel {@code slack}, {@code teams} or {@code webhook}
 * @param audience the audience key the message was rendered for
 * @param attempt which attempt succeeded, starting at 1
 * @param httpStatus the endpoint's answer
 * @param deliveredAt when
 */
public record DeliverySucceeded(
    UUID deliveryId,
    String messageKind,
    UUID messageId,
    UUID incidentId,
    UUID endpointId,
    String endpointName,
    String channel,
    String audience,
    int attempt,
    int httpStatus,
    Instant deliveredAt)
    implements FirebellEvent {

  /** The incident id: all of one incident's deliveries are ordered on one partition. */
  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
