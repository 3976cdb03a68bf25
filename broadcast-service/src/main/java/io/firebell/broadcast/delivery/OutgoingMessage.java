package io.firebell.broadcast.delivery;

import java.util.List;
import java.util.UUID;

/**
 * A message to send: one rendering per recipient endpoint. The seam between the half of
 * broadcast-service that decides what to say and to whom (announcements, updates, report shares)
 * and the delivery engine.
 *
 * @param messageKind {@code announcement}, {@code update} or {@code report_share}
 * @param messageId the announcement, update or share id; (messageId, endpointId) is unique
 * @param incidentId the incident the message is about
 * @param recipients one per endpoint
 */
public record OutgoingMessage(
    String messageKind, UUID messageId, UUID incidentId, List<Recipient> recipients) {

  /**
   * @param endpointId the endpoint
   * @param audience the audience key the body was rendered for
   * @param contentType the request's Content-Type, e.g. {@code application/json}
   * @param body the final HTTP request body (Slack Block Kit, Teams Adaptive Card or the generic
   *     webhook JSON), sent unchanged
   */
  public record Recipient(UUID endpointId, String audience, String contentType, String body) {}
}
