package io.firebell.review.model;

import io.firebell.contracts.review.ReviewCancelled;
import io.firebell.contracts.review.ReviewRescheduled;
import io.firebell.contracts.review.ReviewScheduled;
import io.firebell.platform.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A post-incident review meeting. Its SEQUENCE grows with every change, as iCalendar requires. */
@Entity
@Table(name = "review_meeting")
public class ReviewMeeting {

  @Id private UUID id;

  @Column(name = "incident_id")
  private UUID incidentId;

  private String kind;

  @Column(name = "starts_at")
  private Instant startsAt;

  @Column(name = "duration_minutes")
  private int durationMinutes;

  @Column(name = "time_zone")
  private String timeZone;

  private String location;
  private String[] attendees;

  /** scheduled, held or cancelled. */
  private String status;

  private int sequence;

  @Column(name = "due_by")
  private Instant dueBy;

  @Column(name = "minutes_url")
  private String minutesUrl;

  @Column(name = "scheduled_by")
  private String scheduledBy;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  /** The team review this org-wide review escalates, or null. */
  @Column(name = "escalated_from")
  private UUID escalatedFrom;

  @Column(name = "escalation_reason")
  private String escalationReason;

  @Version
  @Column(name = "row_version")
  private long rowVersion;

  protected ReviewMeeting() {}

  public record Scheduled(ReviewMeeting meeting, ReviewScheduled event) {}

  public static Scheduled schedule(
      UUID incidentId,
      String kind,
      Instant startsAt,
      Duration duration,
      String timeZone,
      String location,
      List<String> attendees,
      Instant dueBy,
      String icsBase,
      String actor,
      Instant now) {
    ReviewMeeting m = new ReviewMeeting();
    m.id = UUID.randomUUID();
    m.incidentId = incidentId;
    m.kind = kind;
    m.startsAt = startsAt;
    m.durationMinutes = (int) duration.toMinutes();
    m.timeZone = timeZone;
    m.location = location;
    m.attendees = attendees.toArray(String[]::new);
    m.status = "scheduled";
    m.dueBy = dueBy;
    m.scheduledBy = actor;
    m.createdAt = now;
    m.updatedAt = now;
    return new Scheduled(
        m,
        new ReviewScheduled(
            m.id,
            incidentId,
            kind,
            startsAt,
            m.durationMinutes,
            timeZone,
            location,
            attendees,
            icsBase + m.id,
            actor,
            now));
  }

  public ReviewRescheduled reschedule(
      Instant newStart, String reason, String icsBase, String actor, Instant now) {
    requireScheduled();
    Instant previous = startsAt;
    startsAt = newStart;
    sequence++;
    updatedAt = now;
    return new ReviewRescheduled(
        id,
        incidentId,
        previous,
        newStart,
        durationMinutes,
        timeZone,
        location,
        getAttendees(),
        icsBase + id,
        reason,
        actor,
        now);
  }

  public ReviewCancelled cancel(String reason, String actor, Instant now) {
    requireScheduled();
    status = "cancelled";
    sequence++;
    updatedAt = now;
    return new ReviewCancelled(id, incidentId, startsAt, reason, actor, now);
  }

  public void held(String minutesUrl, Instant now) {
    requireScheduled();
    status = "held";
    this.minutesUrl = minutesUrl;
    updatedAt = now;
  }

  private void requireScheduled() {
    if (!"scheduled".equals(status)) {
      throw ProblemException.conflict(
          "the review is " + status + "; only a scheduled review can change");
    }
  }

  /** Links this (org-wide) review to the team review it escalates. */
  public void escalates(ReviewMeeting team, String reason) {
    escalatedFrom = team.id;
    escalationReason = reason;
  }

  public UUID getEscalatedFrom() {
    return escalatedFrom;
  }

  public String getEscalationReason() {
    return escalationReason;
  }

  public boolean isCancelled() {
    return "cancelled".equals(status);
  }

  public Instant getEndsAt() {
    return startsAt.plus(Duration.ofMinutes(durationMinutes));
  }

  public UUID getId() {
    return id;
  }

  public UUID getIncidentId() {
    return incidentId;
  }

  public String getKind() {
    return kind;
  }

  public Instant getStartsAt() {
    return startsAt;
  }

  public int getDurationMinutes() {
    return durationMinutes;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public String getLocation() {
    return location;
  }

  public List<String> getAttendees() {
    return List.of(attendees);
  }

  public String getStatus() {
    return status;
  }

  public int getSequence() {
    return sequence;
  }

  public Instant getDueBy() {
    return dueBy;
  }

  public String getMinutesUrl() {
    return minutesUrl;
  }

  public String getScheduledBy() {
    return scheduledBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public long getRowVersion() {
    return rowVersion;
  }
}
