package io.firebell.review.model;

import io.firebell.contracts.incident.IncidentDeclared;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What review-service knows of an incident, learnt from incident-service's events. */
@Entity
@Table(name = "incident_fact")
public class IncidentFact {

  @Id
  @Column(name = "incident_id")
  private UUID incidentId;

  private String reference;
  private String title;
  private String summary;
  private String severity;
  private String status;
  private String[] services;
  private String[] domains;

  @Column(name = "detection_method")
  private String detectionMethod;

  @Column(name = "occurred_at")
  private Instant occurredAt;

  @Column(name = "detected_at")
  private Instant detectedAt;

  @Column(name = "declared_at")
  private Instant declaredAt;

  @Column(name = "declared_by")
  private String declaredBy;

  @Column(name = "alert_group_id")
  private UUID alertGroupId;

  @Column(name = "recorded_at")
  private Instant recordedAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected IncidentFact() {}

  public static IncidentFact declared(IncidentDeclared e, Instant now) {
    IncidentFact fact = new IncidentFact();
    fact.incidentId = e.incidentId();
    fact.reference = e.reference();
    fact.title = e.title();
    fact.summary = e.summary();
    fact.severity = e.severity();
    fact.status = e.status();
    fact.services = e.services().toArray(String[]::new);
    fact.domains = e.domains().toArray(String[]::new);
    fact.detectionMethod = e.detectionMethod();
    fact.occurredAt = e.occurredAt();
    fact.detectedAt = e.detectedAt();
    fact.declaredAt = e.declaredAt();
    fact.declaredBy = e.declaredBy();
    fact.alertGroupId = e.alertGroupId();
    fact.recordedAt = now;
    fact.updatedAt = now;
    return fact;
  }

  public UUID getIncidentId() {
    return incidentId;
  }

  public String getReference() {
    return reference;
  }

  public String getTitle() {
    return title;
  }

  public String getSummary() {
    return summary;
  }

  public String getSeverity() {
    return severity;
  }

  public String getStatus() {
    return status;
  }

  public List<String> getServices() {
    return List.of(services);
  }

  public List<String> getDomains() {
    return List.of(domains);
  }

  public String getDetectionMethod() {
    return detectionMethod;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public Instant getDetectedAt() {
    return detectedAt;
  }

  public Instant getDeclaredAt() {
    return declaredAt;
  }

  public String getDeclaredBy() {
    return declaredBy;
  }

  public UUID getAlertGroupId() {
    return alertGroupId;
  }

  public Instant getRecordedAt() {
    return recordedAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
