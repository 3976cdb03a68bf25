package io.firebell.review.model;

import io.firebell.contracts.incident.IncidentClosed;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.contracts.incident.IncidentResolved;
import io.firebell.contracts.incident.IncidentRoleAssigned;
import io.firebell.contracts.incident.IncidentStatusChanged;
import io.firebell.contracts.incident.IncidentUpdated;
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

  private String component;

  @Column(name = "impact_scope")
  private String impactScope;

  @Column(name = "war_room_url")
  private String warRoomUrl;

  @Column(name = "acknowledged_at")
  private Instant acknowledgedAt;

  @Column(name = "mitigated_at")
  private Instant mitigatedAt;

  @Column(name = "resolved_at")
  private Instant resolvedAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  @Column(name = "recovery_methods")
  private String[] recoveryMethods = new String[0];

  private String commander;

  /** The partner a hand-declared partner report names, or null. */
  private String partner;

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
    fact.impactScope = e.impactScope();
    fact.warRoomUrl = e.warRoomUrl();
    fact.alertGroupId = e.alertGroupId();
    fact.recordedAt = now;
    fact.updatedAt = now;
    return fact;
  }

  public void updated(IncidentUpdated e, Instant now) {
    title = e.title();
    severity = e.severity();
    status = e.status();
    services = e.services().toArray(String[]::new);
    domains = e.domains().toArray(String[]::new);
    impactScope = e.impactScope();
    warRoomUrl = e.warRoomUrl();
    updatedAt = now;
  }

  public void statusChanged(IncidentStatusChanged e, Instant now) {
    status = e.to();
    if ("identified".equals(e.to()) && acknowledgedAt == null) {
      acknowledgedAt = e.changedAt();
    }
    if ("monitoring".equals(e.to()) && mitigatedAt == null) {
      mitigatedAt = e.changedAt();
    }
    updatedAt = now;
  }

  public void roleAssigned(IncidentRoleAssigned e, Instant now) {
    if ("commander".equals(e.role())) {
      commander = e.person();
    }
    if (acknowledgedAt == null) {
      // Someone took a role: the incident has been taken up.
      acknowledgedAt = e.assignedAt();
    }
    updatedAt = now;
  }

  public void resolved(IncidentResolved e, Instant now) {
    title = e.title();
    severity = e.severity();
    status = "resolved";
    services = e.services().toArray(String[]::new);
    domains = e.domains().toArray(String[]::new);
    component = e.component();
    detectionMethod = e.detectionMethod();
    occurredAt = e.occurredAt();
    detectedAt = e.detectedAt();
    declaredAt = e.declaredAt();
    acknowledgedAt = e.acknowledgedAt() != null ? e.acknowledgedAt() : acknowledgedAt;
    mitigatedAt = e.mitigatedAt() != null ? e.mitigatedAt() : mitigatedAt;
    resolvedAt = e.resolvedAt();
    recoveryMethods = e.recoveryMethods().toArray(String[]::new);
    updatedAt = now;
  }

  public void closed(IncidentClosed e, Instant now) {
    status = "closed";
    closedAt = e.closedAt();
    updatedAt = now;
  }

  /**
   * Names the partner when an incident event carries one (a hand-declared partner report); an event
   * without it leaves the partner as it is.
   */
  public void partner(String named) {
    if (named != null && !named.isBlank()) {
      partner = named;
    }
  }

  public String getPartner() {
    return partner;
  }

  public String getComponent() {
    return component;
  }

  public String getImpactScope() {
    return impactScope;
  }

  public String getWarRoomUrl() {
    return warRoomUrl;
  }

  public Instant getAcknowledgedAt() {
    return acknowledgedAt;
  }

  public Instant getMitigatedAt() {
    return mitigatedAt;
  }

  public Instant getResolvedAt() {
    return resolvedAt;
  }

  public Instant getClosedAt() {
    return closedAt;
  }

  public List<String> getRecoveryMethods() {
    return List.of(recoveryMethods);
  }

  public String getCommander() {
    return commander;
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
