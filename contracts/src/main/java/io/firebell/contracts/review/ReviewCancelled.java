package io.firebell.contracts.review;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A scheduled review meeting was cancelled (its iCalendar event now says {@code STATUS:CANCELLED}).
 *
 * @param meetingId the meeting; the record key
 * @param incidentId the incident that was to be reviewed
 * @param startsAt when it was to start
 * @param reason why, or null
 * @param cancelledBy who cancelled it
 * @param cancelledAt when
 */
public record ReviewCancelled(
    UUID meetingId,
    UUID incidentId,
    Instant startsAt,
    String reason,
    String cancelledBy,
    Instant cancelledAt)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return meetingId.toString();
  }
}
