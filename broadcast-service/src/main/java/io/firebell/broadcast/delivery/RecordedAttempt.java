package io.firebell.broadcast.delivery;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.List;

/**
 * An attempt's result with what it means for the delivery, waiting to be recorded.
 *
 * @param status the delivery's new status
 * @param nextAttemptAt when a retry is due, or null
 * @param events the events to publish with the change
 */
record RecordedAttempt(
    ClaimedDelivery delivery,
    AttemptResult result,
    String status,
    Instant nextAttemptAt,
    List<FirebellEvent> events) {}
