package io.firebell.incident.model;

import io.firebell.contracts.incident.IncidentDeclared;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An incident. Domain methods change it and return the events the change causes. */
@Entity
@Table(name = "incident")
public class Incident {

  @Id private UUID id;
  private String reference;
  private String title;
  private String summary;
  private String severity;
  private String status;
  private String[] services;
  private String[] domains;

  @Column(name = "impact_scope")
  private String impactScope;

  @Column(name = "war_room_url")
  private String warRoomUrl;

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

  @Version private long version;

  protected Incident() {}

  /** Result of a declaration: the new incident and the fire alarm it raises. */
  public record Declared(Incident incident, IncidentDeclared event) {}

  /**
   * Declares an incident. The clock reading is the declaration time; detection defaults to it when
   * the declarer does not know better, and occurrence stays unknown until someone says so.
   */
  public static Declared declare(
      UUID id, String reference, Declaration d, String actor, Instant now) {
    Incident incident = new Incident();
    incident.id = id;
    incident.reference = reference;
    incident.title = d.title().strip();
    incident.summary = d.summary();
    incident.severity = d.severity();
    incident.status = IncidentStatus.INVESTIGATING.wireName();
    incident.services = d.services().toArray(String[]::new);
    incident.domains = d.domains().toArray(String[]::new);
    incident.impactScope = d.impactScope();
    incident.warRoomUrl = d.warRoomUrl();
    incident.detectionMethod = d.detectionMethod().wireName();
    incident.occurredAt = d.occurredAt();
    incident.detectedAt = d.detectedAt() != null ? d.detectedAt() : now;
    incident.declaredAt = now;
    incident.declaredBy = actor;
    incident.alertGroupId = d.alertGroupId();
    IncidentDeclared event =
        new IncidentDeclared(
            id,
            reference,
            incident.title,
            incident.summary,
            incident.severity,
            incident.status,
            incident.getServices(),
            incident.getDomains(),
            incident.impactScope,
            incident.warRoomUrl,
            incident.detectionMethod,
            incident.occurredAt,
            incident.detectedAt,
            incident.declaredAt,
            actor,
            incident.alertGroupId);
    return new Declared(incident, event);
  }

  public UUID getId() {
    return id;
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

  public String getImpactScope() {
    return impactScope;
  }

  public String getWarRoomUrl() {
    return warRoomUrl;
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

  public long getVersion() {
    return version;
  }
}
