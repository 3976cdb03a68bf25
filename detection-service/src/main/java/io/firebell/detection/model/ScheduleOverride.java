package io.firebell.detection.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Someone covers a schedule from {@code startsAt} to {@code endsAt}; the latest override wins. */
@Entity
@Table(name = "schedule_override")
public class ScheduleOverride {

  @Id private UUID id;

  @Column(name = "schedule_id")
  private UUID scheduleId;

  private String person;

  @Column(name = "starts_at")
  private Instant startsAt;

  @Column(name = "ends_at")
  private Instant endsAt;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "created_at")
  private Instant createdAt;

  protected ScheduleOverride() {}

  public static ScheduleOverride create(
      UUID schedule, String person, Instant from, Instant to, String by, Instant now) {
    ScheduleOverride o = new ScheduleOverride();
    o.id = UUID.randomUUID();
    o.scheduleId = schedule;
    o.person = person;
    o.startsAt = from;
    o.endsAt = to;
    o.createdBy = by;
    o.createdAt = now;
    return o;
  }

  public UUID getId() {
    return id;
  }

  public UUID getScheduleId() {
    return scheduleId;
  }

  public String getPerson() {
    return person;
  }

  public Instant getStartsAt() {
    return startsAt;
  }

  public Instant getEndsAt() {
    return endsAt;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
