package io.firebell.broadcast.model;

import io.firebell.contracts.incident.IncidentClosed;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.contracts.incident.IncidentResolved;
import io.firebell.contracts.incident.IncidentRoleAssigned;
import io.firebell.contracts.incident.IncidentStatusChanged;
import io.firebell.contracts.incident.IncidentUpdated;
import io.firebell.platform.db.JsonRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What broadcast-service knows of an incident, learnt only from incident-service's events: the
 * confirmed facts the fire alarm and updates talk about, and who holds the incident's roles (the
 * recovery lead may not post stakeholder updates).
 */
@Entity
@Table(name = "incident")
public class Incident {

  public static final String RECOVERY_LEAD = "recovery_lead";
  public static final String COMMANDER = "commander";
  public static final String COMMUNICATIONS_LEAD = "communications_lead";
  private static final Set<String> FINISHED = Set.of("resolved", "closed");

  @Id private UUID id;

  private String reference;
  private String title;
  private String severity;
  private String status;
  private String[] services;
  private String[] domains;

  @Column(name = "impact_scope")
  private String impactScope;

  @Column(name = "war_room_url")
  private String warRoomUrl;

  @Column(name = "occurred_at")
  private Instant occurredAt;

  @Column(name = "declared_at")
  private Instant declaredAt;

  @Column(name = "resolved_at")
  private Instant resolvedAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  private String commander;

  @Column(name = "recovery_lead")
  private String recoveryLead;

  @Column(name = "communications_lead")
  private String communicationsLead;

  @Column(name = "updated_at")
  private Instant updatedAt;

  /** The incident's kind: how it was detected ({@code system_alarm}, {@code partner_report}…). */
  @Column(name = "detection_method")
  private String detectionMethod;

  private String partner;

  protected Incident() {}

  public static Incident declared(IncidentDeclared e, Instant now) {
    Incident i = new Incident();
    i.id = e.incidentId();
    i.reference = e.reference();
    i.title = e.title();
    i.severity = e.severity();
    i.status = e.status() == null ? "investigating" : e.status();
    i.services = e.services().toArray(String[]::new);
    i.domains = e.domains().toArray(String[]::new);
    i.impactScope = e.impactScope();
    i.warRoomUrl = e.warRoomUrl();
    i.occurredAt = e.occurredAt();
    i.declaredAt = e.declaredAt() == null ? now : e.declaredAt();
    i.detectionMethod = e.detectionMethod();
    i.partner = e.partner();
    i.updatedAt = now;
    return i;
  }

  /**
   * The declared incident as the row {@code IncidentRepository.insertIfNew} inserts (ADR 0156):
   * every column of {@code incident}; a test checks them against the table.
   */
  public JsonRow row() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("reference", reference);
    row.put("title", title);
    row.put("severity", severity);
    row.put("status", status);
    row.put("services", services);
    row.put("domains", domains);
    row.put("impact_scope", impactScope);
    row.put("war_room_url", warRoomUrl);
    row.put("occurred_at", iso(occurredAt));
    row.put("declared_at", iso(declaredAt));
    row.put("resolved_at", iso(resolvedAt));
    row.put("closed_at", iso(closedAt));
    row.put("commander", commander);
    row.put("recovery_lead", recoveryLead);
    row.put("communications_lead", communicationsLead);
    row.put("updated_at", iso(updatedAt));
    row.put("detection_method", detectionMethod);
    row.put("partner", partner);
    return new JsonRow("incident", row);
  }

  private static String iso(Instant at) {
    return at == null ? null : at.toString();
  }

  public void updated(IncidentUpdated e, Instant now) {
    title = e.title();
    severity = e.severity();
    status = e.status();
    services = e.services().toArray(String[]::new);
    domains = e.domains().toArray(String[]::new);
    impactScope = e.impactScope();
    warRoomUrl = e.warRoomUrl();
    kindAndPartner(e.detectionMethod(), e.partner());
    if (e.changes().get("occurredAt") instanceof String occurred) {
      try {
        occurredAt = Instant.parse(occurred);
      } catch (RuntimeException ignored) {
        // Not a time: keep the occurrence time already known.
      }
    }
    updatedAt = now;
  }

  public void statusChanged(IncidentStatusChanged e, Instant now) {
    status = e.to();
    if ("resolved".equals(e.to()) && resolvedAt == null) {
      resolvedAt = e.changedAt();
    }
    if ("closed".equals(e.to()) && closedAt == null) {
      closedAt = e.changedAt();
    }
    updatedAt = now;
  }

  public void roleAssigned(IncidentRoleAssigned e, Instant now) {
    switch (e.role()) {
      case COMMANDER -> commander = e.person();
      case RECOVERY_LEAD -> recoveryLead = e.person();
      case COMMUNICATIONS_LEAD -> communicationsLead = e.person();
      default -> {
        // A role this service does not know (additive vocabulary): nothing it needs.
      }
    }
    updatedAt = now;
  }

  public void resolved(IncidentResolved e, Instant now) {
    status = "resolved";
    resolvedAt = e.resolvedAt();
    title = e.title() == null ? title : e.title();
    severity = e.severity() == null ? severity : e.severity();
    services = e.services().toArray(String[]::new);
    domains = e.domains().toArray(String[]::new);
    if (e.occurredAt() != null) {
      occurredAt = e.occurredAt();
    }
    kindAndPartner(e.detectionMethod(), e.partner());
    updatedAt = now;
  }

  /**
   * The kind and partner snapshots of an event; an event written before they existed carries no
   * kind and changes nothing.
   */
  private void kindAndPartner(String method, String eventPartner) {
    if (method != null) {
      detectionMethod = method;
      partner = eventPartner;
    }
  }

  public void closed(IncidentClosed e, Instant now) {
    status = "closed";
    closedAt = e.closedAt();
    if (resolvedAt == null) {
      resolvedAt = e.resolvedAt();
    }
    updatedAt = now;
  }

  public boolean finished() {
    return FINISHED.contains(status);
  }

  public UUID id() {
    return id;
  }

  public String reference() {
    return reference;
  }

  public String title() {
    return title;
  }

  public String severity() {
    return severity;
  }

  public String status() {
    return status;
  }

  public List<String> services() {
    return services == null ? List.of() : List.of(services);
  }

  public List<String> domains() {
    return domains == null ? List.of() : List.of(domains);
  }

  public String impactScope() {
    return impactScope;
  }

  public String warRoomUrl() {
    return warRoomUrl;
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  public Instant declaredAt() {
    return declaredAt;
  }

  public Instant resolvedAt() {
    return resolvedAt;
  }

  public Instant closedAt() {
    return closedAt;
  }

  public String detectionMethod() {
    return detectionMethod;
  }

  public String partner() {
    return partner;
  }

  public String commander() {
    return commander;
  }

  public String recoveryLead() {
    return recoveryLead;
  }

  public String communicationsLead() {
    return communicationsLead;
  }
}
