package io.firebell.review.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A new incident repeats an earlier one; {@code matchedOn} says how (service, component…). */
@Entity
@Table(name = "recurrence_link")
public class RecurrenceLink {

  @Id private UUID id;

  @Column(name = "incident_id")
  private UUID incidentId;

  @Column(name = "earlier_incident_id")
  private UUID earlierIncidentId;

  @Column(name = "matched_on")
  private String[] matchedOn;

  @Column(name = "found_at")
  private Instant foundAt;

  protected RecurrenceLink() {}

  public RecurrenceLink(
      UUID incidentId, UUID earlierIncidentId, List<String> matchedOn, Instant foundAt) {
    this.id = UUID.randomUUID();
    this.incidentId = incidentId;
    this.earlierIncidentId = earlierIncidentId;
    this.matchedOn = matchedOn.toArray(String[]::new);
    this.foundAt = foundAt;
  }

  public UUID getIncidentId() {
    return incidentId;
  }

  public UUID getEarlierIncidentId() {
    return earlierIncidentId;
  }

  public List<String> getMatchedOn() {
    return List.of(matchedOn);
  }

  public void setMatchedOn(List<String> matchedOn) {
    this.matchedOn = matchedOn.toArray(String[]::new);
  }

  public Instant getFoundAt() {
    return foundAt;
  }
}
