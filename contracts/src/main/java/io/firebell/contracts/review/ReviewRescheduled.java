package io.firebell.contracts.review;

import io.firebell.contracts.Copies;
import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A scheduled review meeting moved, or its attendees changed. Carries the meeting's full current
 * schedule; the iCalendar {@code SEQUENCE} was bumped.
 *
 * @param meetingId the meeting; the record key
 * @param incidentId the incident reviewed
 * @param previousStartsAt when it was to start before
 * @param startsAt when it starts now
 * @param durationMinutes how long it lasts
 * @param timeZone the IANA time zone the meeting is planned in
 * @param location room or video link, or null
 * @param attendees invited people
 * @param icsUrl the meeting as iCalendar
 * @param reason why it moved, or null
 * @param rescheduledBy who moved it
 * @param rescheduledAt when
 */
public record ReviewRescheduled(
    UUID meetingId,
    UUID incidentId,
    Instant previousStartsAt,
    Instant startsAt,
    int durationMinutes,
    String timeZone,
    String location,
    List<String> attendees,
    String icsUrl,
    String reason,
    String rescheduledBy,
    Instant rescheduledAt)
    implements FirebellEvent {

  public ReviewRescheduled {
    attendees = Copies.list(attendees);
  }

  @Override
  public String aggregateId() {
    return meetingId.toString();
  }
}
