package io.firebell.broadcast.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The fire alarm as it was rung for one incident: to whom, how many endpoints, what it said. */
@Entity
@Table(name = "announcement")
public class Announcement {

  @Id private UUID id;

  @Column(name = "incident_id")
  private UUID incidentId;

  private String[] audiences;
  private int recipients;

  /** Audience key → the text that audience was sent. */
  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, String> texts;

  @Column(name = "sent_at")
  private Instant sentAt;

  protected Announcement() {}

  public Announcement(
      UUID id,
      UUID incidentId,
      List<String> audiences,
      int recipients,
      Map<String, String> texts,
      Instant sentAt) {
    this.id = id;
    this.incidentId = incidentId;
    this.audiences = audiences.toArray(String[]::new);
    this.recipients = recipients;
    this.texts = texts;
    this.sentAt = sentAt;
  }

  /**
   * Its row by column name, for the statement that queues its deliveries and inserts it in one
   * round trip (the fire alarm's transaction).
   */
  public Map<String, Object> columns() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("incident_id", incidentId);
    row.put("audiences", audiences);
    row.put("recipients", recipients);
    row.put("texts", texts);
    row.put("sent_at", sentAt.toString());
    return row;
  }

  public UUID id() {
    return id;
  }

  public UUID incidentId() {
    return incidentId;
  }

  public List<String> audiences() {
    return List.of(audiences);
  }

  public int recipients() {
    return recipients;
  }

  public Map<String, String> texts() {
    return texts;
  }

  public Instant sentAt() {
    return sentAt;
  }
}
