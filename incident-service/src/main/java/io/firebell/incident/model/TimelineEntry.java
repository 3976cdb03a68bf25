package io.firebell.incident.model;

import io.firebell.platform.db.JsonRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One line of an incident's append-only timeline. The database refuses updates and deletes; the
 * order is the insertion order ({@code seq}).
 */
@Entity
@Table(name = "incident_timeline")
public class TimelineEntry {

  @Id private UUID id;

  @Column(insertable = false, updatable = false)
  private Long seq;

  @Column(name = "incident_id")
  private UUID incidentId;

  private String kind;
  private String actor;
  private Instant at;
  private String summary;

  /** The JSON of the event behind the entry (or of the note), for tools that want every field. */
  private String details;

  protected TimelineEntry() {}

  public TimelineEntry(
      UUID incidentId, String kind, String actor, Instant at, String summary, String details) {
    this.id = UUID.randomUUID();
    this.incidentId = incidentId;
    this.kind = kind;
    this.actor = actor;
    this.at = at;
    this.summary = summary;
    this.details = details;
  }

  /**
   * The entry as the row the outbox's statement inserts with the event behind it (ADR 0156); {@code
   * seq} is left to the database.
   */
  public JsonRow row() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("incident_id", incidentId);
    row.put("kind", kind);
    row.put("actor", actor);
    row.put("at", at.toString());
    row.put("summary", summary);
    row.put("details", details);
    return new JsonRow("incident_timeline", row);
  }

  public UUID getId() {
    return id;
  }

  public Long getSeq() {
    return seq;
  }

  public UUID getIncidentId() {
    return incidentId;
  }

  public String getKind() {
    return kind;
  }

  public String getActor() {
    return actor;
  }

  public Instant getAt() {
    return at;
  }

  public String getSummary() {
    return summary;
  }

  public String getDetails() {
    return details;
  }
}
