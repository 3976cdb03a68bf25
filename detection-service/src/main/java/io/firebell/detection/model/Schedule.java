package io.firebell.detection.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * An on-call rotation: members take turns of {@code rotationLength} (an ISO-8601 period such as
 * {@code P7D} or {@code P1D}, or a duration such as {@code PT12H}), handing off at {@code
 * handoffTime} in {@code timeZone}, the first turn starting on {@code startsOn}. Day-based lengths
 * are counted in calendar days of the zone, so a handoff stays at 09:00 across DST changes.
 */
@Entity
@Table(name = "schedule")
public class Schedule {

  @Id private UUID id;
  private String name;

  @Column(name = "time_zone")
  private String timeZone;

  private String[] members;

  @Column(name = "rotation_length")
  private String rotationLength;

  @Column(name = "handoff_time")
  private LocalTime handoffTime;

  @Column(name = "starts_on")
  private LocalDate startsOn;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected Schedule() {}

  public static Schedule create(
      String name,
      String timeZone,
      List<String> members,
      String rotationLength,
      LocalTime handoff,
      LocalDate startsOn,
      Instant now) {
    Schedule s = new Schedule();
    s.id = UUID.randomUUID();
    s.createdAt = now;
    s.update(name, timeZone, members, rotationLength, handoff, startsOn, now);
    return s;
  }

  public void update(
      String name,
      String timeZone,
      List<String> members,
      String rotationLength,
      LocalTime handoff,
      LocalDate startsOn,
      Instant now) {
    this.name = name;
    this.timeZone = timeZone;
    this.members = members.toArray(String[]::new);
    this.rotationLength = rotationLength;
    this.handoffTime = handoff;
    this.startsOn = startsOn;
    this.updatedAt = now;
  }

  /** Validates a rotation length; returns an error message or null. */
  public static String checkRotationLength(String value) {
    try {
      if (value.startsWith("PT")) {
        Duration d = Duration.parse(value);
        return d.compareTo(Duration.ofHours(1)) < 0 ? "must be at least PT1H" : null;
      }
      Period p = Period.parse(value);
      return p.getYears() != 0 || p.getMonths() != 0 || p.getDays() < 1
          ? "must be a whole number of days (P1D, P7D…) or a duration (PT12H)"
          : null;
    } catch (RuntimeException e) {
      return "must be an ISO-8601 period (P7D) or duration (PT12H)";
    }
  }

  /** The rotation member on call at {@code at} (overrides aside), or null before the first turn. */
  public String rotationMemberAt(Instant at) {
    if (members.length == 0) {
      return null;
    }
    ZoneId zone = ZoneId.of(timeZone);
    ZonedDateTime start = ZonedDateTime.of(startsOn, handoffTime, zone);
    ZonedDateTime t = at.atZone(zone);
    if (t.isBefore(start)) {
      return null;
    }
    long turn;
    if (rotationLength.startsWith("PT")) {
      long len = Duration.parse(rotationLength).toSeconds();
      turn = Duration.between(start.toInstant(), at).toSeconds() / len;
    } else {
      int days = Period.parse(rotationLength).getDays();
      long elapsedDays = ChronoUnit.DAYS.between(start.toLocalDate(), t.toLocalDate());
      // Before today's handoff time, yesterday's turn still runs.
      if (t.toLocalTime().isBefore(handoffTime)) {
        elapsedDays--;
      }
      turn = Math.floorDiv(elapsedDays, days);
    }
    return members[(int) Math.floorMod(turn, (long) members.length)];
  }

  public UUID getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public List<String> getMembers() {
    return List.of(members);
  }

  public String getRotationLength() {
    return rotationLength;
  }

  public LocalTime getHandoffTime() {
    return handoffTime;
  }

  public LocalDate getStartsOn() {
    return startsOn;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
