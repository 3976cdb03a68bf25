package io.firebell.review.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One line of an incident's merged timeline; its id is the id of the event it came from. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry {

  @Id private UUID id;

  @Column(name = "incident_id")
  private UUID incidentId;

  @Column(name = "occurred_at")
  private Instant occurredAt;

  /** incident or broadcast. */
  private String source;

  private String kind;
  private String summary;
  private String actor;

  protected TimelineEntry() {}

  public TimelineEntry(
      UUID eventId,
      UUID incidentId,
      Instant occurredAt,
      String source,
      String kind,
      String summary,
      String actor) {
    this.id = eventId;
    this.incidentId = incidentId;
    this.occurredAt = occurredAt;
    this.source = source;
    this.kind = kind;
    this.summary = summary;
    this.actor = actor;
  }

  public UUID getId() {
    return id;
  }

  public UUID getIncidentId() {
    return incidentId;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public String getSource() {
    return source;
  }

  public String getKind() {
    return kind;
  }

  public String getSummary() {
    return summary;
  }

  public String getActor() {
    return actor;
  }
}
