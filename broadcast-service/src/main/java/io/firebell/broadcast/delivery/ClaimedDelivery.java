package io.firebell.broadcast.delivery;

import java.util.List;
import java.util.UUID;

/**
 * A delivery this instance holds a lease on and is about to send.
 *
 * @param attempt the number of this attempt, from 1 (counting attempts before replays)
 * @param attemptBase attempts made before the last replay
 * @param secrets webhook secrets to sign with (current first), empty for slack/teams
 * @param leaseToken this claim's token: its result is recorded only while the delivery still
 *     carries it
 * @param traceparent the trace of the message the delivery is part of, or null (ADR 0140)
 */
record ClaimedDelivery(
    UUID id,
    String messageKind,
    UUID messageId,
    UUID incidentId,
    UUID endpointId,
    String endpointName,
    String channel,
    String audience,
    String url,
    List<String> secrets,
    String contentType,
    String body,
    int attempt,
    int attemptBase,
    UUID leaseToken,
    String traceparent) {

  int attemptInRun() {
    return attempt - attemptBase;
  }
}
