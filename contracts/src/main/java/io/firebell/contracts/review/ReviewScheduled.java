package io.firebell.contracts.review;

import io.firebell.contracts.Copies;
import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A review meeting was scheduled for an incident per the severity policy.
 *
 * @param meetingId the meeting; the record key
 * @param incidentId the incident reviewed
 * @param kind {@code team} or {@code org_wide} (with every org head and the CTO)
 * @param startsAt when it starts
 * @param durationMinutes how long it lasts
 * @param timeZone the IANA time zone the meeting is planned in, e.g. {@code Asia/Seoul}
 * @param location room or video link, or null
 * @param attendees invited people (user ids or e-mail addresses)
 * @param icsUrl the meeting as iCalendar ({@code text/calendar})
 * @param scheduledBy who scheduled it
 * @param scheduledAt when
 */
public record ReviewScheduled(
    UUID meetingId,
    UUID incidentId,
    String kind,
    Instant startsAt,
    int durationMinutes,
    String timeZone,
    String location,
    List<String> attendees,
    String icsUrl,
    String scheduledBy,
    Instant scheduledAt)
    implements FirebellEvent {

  public ReviewScheduled {
    attendees = Copies.list(attendees);
  }

  @Override
  public String aggregateId() {
    return meetingId.toString();
  }
}
