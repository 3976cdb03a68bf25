package io.firebell.detection.model;

import io.firebell.contracts.detection.AlertGroupDismissed;
import io.firebell.contracts.detection.AlertGroupOpened;
import io.firebell.contracts.detection.AlertGroupResolved;
import io.firebell.contracts.detection.AlertGroupUpdated;
import io.firebell.contracts.detection.AlertReceived;
import io.firebell.contracts.detection.DeclarationRequested;
import io.firebell.detection.routing.RouteTable;
import io.firebell.detection.routing.Severity;
import io.firebell.platform.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The alerts of one route key while they fire. At most one group per route key is active (not
 * resolved) — the database enforces it — and a group that resolves and fires again within the
 * flapping window re-opens instead of making a new one. Domain methods return the events they
 * cause.
 */
@Entity
@Table(name = "alert_group")
public class AlertGroup {

  /** Why a group published {@code alert-group.updated}. */
  public enum UpdateReason {
    ALERTS_ADDED,
    SEVERITY_CHANGED,
    ALERT_RESOLVED,
    ACKNOWLEDGED,
    INCIDENT_LINKED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Id private UUID id;

  @Column(name = "route_key")
  private String routeKey;

  @Column(name = "route_id")
  private UUID routeId;

  private String domain;
  private String service;
  private String kind;
  private String severity;
  private String partner;
  private String summary;

  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, String> labels;

  @Convert(converter = AlertGroupStatus.Column.class)
  private AlertGroupStatus status;

  @Column(name = "alert_count")
  private int alertCount;

  @Column(name = "firing_count")
  private int firingCount;

  @Column(name = "flap_count")
  private int flapCount;

  @Column(name = "occurred_at")
  private Instant occurredAt;

  @Column(name = "detected_at")
  private Instant detectedAt;

  @Column(name = "opened_at")
  private Instant openedAt;

  @Column(name = "last_alert_at")
  private Instant lastAlertAt;

  @Column(name = "resolved_at")
  private Instant resolvedAt;

  @Column(name = "acknowledged_at")
  private Instant acknowledgedAt;

  @Column(name = "acknowledged_by")
  private String acknowledgedBy;

  @Column(name = "dismissed_at")
  private Instant dismissedAt;

  @Column(name = "dismissed_by")
  private String dismissedBy;

  @Column(name = "dismiss_reason")
  private String dismissReason;

  @Column(name = "declared_at")
  private Instant declaredAt;

  @Column(name = "declared_by")
  private String declaredBy;

  @Column(name = "incident_id")
  private UUID incidentId;

  @Column(name = "paged_at")
  private Instant pagedAt;

  @Version private long version;

  protected AlertGroup() {}

  /** A new group for the first firing alert of a route key. */
  public static AlertGroup open(AlertReceived a, Instant now) {
    AlertGroup g = new AlertGroup();
    g.id = UUID.randomUUID();
    g.routeKey = a.routeKey();
    g.routeId = a.routeId();
    g.domain = a.domain();
    g.service = a.service();
    g.kind = a.signalKind();
    g.severity = a.severity();
    g.partner = a.partner();
    g.summary = a.summary();
    g.labels = RouteTable.groupLabels(a.routeKey());
    g.status = AlertGroupStatus.OPEN;
    g.occurredAt = a.startsAt() != null ? a.startsAt() : a.receivedAt();
    g.detectedAt = a.receivedAt();
    g.openedAt = now;
    g.lastAlertAt = a.receivedAt();
    return g;
  }

  public AlertGroupOpened opened() {
    return new AlertGroupOpened(
        id,
        routeKey,
        domain,
        service,
        kind,
        severity,
        partner,
        summary,
        labels,
        alertCount,
        occurredAt,
        detectedAt,
        openedAt,
        flapCount > 0,
        flapCount);
  }

  /** Whether a resolved group may re-open for an alert firing at {@code now}. */
  public boolean withinFlapWindow(Instant now, java.time.Duration window) {
    return resolvedAt != null && !resolvedAt.plus(window).isBefore(now);
  }

  /** A resolved group fires again within the window: the same group, one more flap. */
  public AlertGroupOpened reopen(AlertReceived a, Instant now) {
    resolvedAt = null;
    flapCount++;
    if (status != AlertGroupStatus.DISMISSED) {
      status = AlertGroupStatus.OPEN;
      acknowledgedAt = null;
      acknowledgedBy = null;
    }
    openedAt = now;
    lastAlertAt = a.receivedAt();
    return opened();
  }

  /** A new distinct alert joined the group. */
  public void alertAdded(AlertReceived a) {
    alertCount++;
    firingCount++;
    touch(a);
  }

  /** A known alert fires again after it had resolved. */
  public void alertRefired(AlertReceived a) {
    firingCount++;
    touch(a);
  }

  public void alertRepeated(AlertReceived a) {
    if (lastAlertAt == null || a.receivedAt().isAfter(lastAlertAt)) {
      lastAlertAt = a.receivedAt();
    }
  }

  private void touch(AlertReceived a) {
    alertRepeated(a);
    if (a.startsAt() != null && a.startsAt().isBefore(occurredAt)) {
      occurredAt = a.startsAt();
    }
  }

  /** Raises the group's severity to the alert's; true when it rose. */
  public boolean raiseSeverity(String alertSeverity) {
    Severity current = Severity.fromWire(severity);
    Severity incoming = Severity.fromWire(alertSeverity);
    if (incoming != null && incoming.compareTo(current) > 0) {
      severity = incoming.wire();
      return true;
    }
    return false;
  }

  /** One firing alert resolved; the group resolves with its last one. */
  public boolean alertResolved(Instant at) {
    firingCount = Math.max(0, firingCount - 1);
    if (firingCount == 0) {
      resolvedAt = at;
      if (status != AlertGroupStatus.DISMISSED) {
        status = AlertGroupStatus.RESOLVED;
      }
      return true;
    }
    return false;
  }

  public AlertGroupResolved resolved() {
    return new AlertGroupResolved(
        id,
        domain,
        service,
        kind,
        severity,
        alertCount,
        flapCount,
        occurredAt,
        resolvedAt,
        incidentId);
  }

  public AlertGroupUpdated updated(UpdateReason reason, Instant now) {
    return new AlertGroupUpdated(
        id,
        reason.wire(),
        (status == AlertGroupStatus.ACKNOWLEDGED
                ? AlertGroupStatus.ACKNOWLEDGED
                : AlertGroupStatus.OPEN)
            .wire(),
        severity,
        alertCount,
        firingCount,
        flapCount,
        lastAlertAt,
        acknowledgedAt,
        acknowledgedBy,
        incidentId,
        now);
  }

  /** A responder (or a PagerDuty acknowledge event) takes the group; idempotent. */
  public AlertGroupUpdated acknowledge(String by, Instant now) {
    if (resolvedAt != null || status == AlertGroupStatus.DISMISSED) {
      throw ProblemException.conflict(
          "the alert group is " + status.wire() + "; it cannot be acknowledged");
    }
    if (status == AlertGroupStatus.ACKNOWLEDGED) {
      return null;
    }
    status = AlertGroupStatus.ACKNOWLEDGED;
    acknowledgedAt = now;
    acknowledgedBy = by;
    return updated(UpdateReason.ACKNOWLEDGED, now);
  }

  public AlertGroupDismissed dismiss(String reason, String by, Instant now) {
    if (declaredAt != null) {
      throw ProblemException.conflict(
          "an incident was declared from this alert group; it cannot be dismissed");
    }
    if (status == AlertGroupStatus.DISMISSED) {
      return null;
    }
    status = AlertGroupStatus.DISMISSED;
    dismissedAt = now;
    dismissedBy = by;
    dismissReason = reason;
    return new AlertGroupDismissed(id, domain, service, kind, severity, reason, by, now);
  }

  /**
   * Requests an incident for the group, at most once in its life. Returns null when it was already
   * declared (a repeated request, an auto-declare racing a responder).
   */
  public DeclarationRequested declare(
      String title, String incidentSeverity, boolean auto, String by, Instant now) {
    if (status == AlertGroupStatus.DISMISSED) {
      throw ProblemException.conflict(
          "the alert group was dismissed as not an incident; it cannot be declared");
    }
    if (declaredAt != null) {
      return null;
    }
    declaredAt = now;
    declaredBy = auto ? "detection" : by;
    return new DeclarationRequested(
        id,
        domain,
        service,
        kind,
        severity,
        partner,
        occurredAt,
        detectedAt,
        summary,
        labels,
        title,
        incidentSeverity,
        auto,
        auto ? null : by,
        now);
  }

  /** incident-service answered the declaration; true when this links it now. */
  public boolean linkIncident(UUID incident) {
    if (incident.equals(incidentId)) {
      return false;
    }
    incidentId = incident;
    if (declaredAt == null) {
      declaredAt = Instant.now();
      declaredBy = "incident-service";
    }
    return true;
  }

  public void markPaged(Instant now) {
    pagedAt = now;
  }

  public UUID getId() {
    return id;
  }

  public String getRouteKey() {
    return routeKey;
  }

  public UUID getRouteId() {
    return routeId;
  }

  public String getDomain() {
    return domain;
  }

  public String getService() {
    return service;
  }

  public String getKind() {
    return kind;
  }

  public String getSeverity() {
    return severity;
  }

  public String getPartner() {
    return partner;
  }

  public String getSummary() {
    return summary;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public AlertGroupStatus getStatus() {
    return status;
  }

  public int getAlertCount() {
    return alertCount;
  }

  public int getFiringCount() {
    return firingCount;
  }

  public int getFlapCount() {
    return flapCount;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public Instant getDetectedAt() {
    return detectedAt;
  }

  public Instant getOpenedAt() {
    return openedAt;
  }

  public Instant getLastAlertAt() {
    return lastAlertAt;
  }

  public Instant getResolvedAt() {
    return resolvedAt;
  }

  public Instant getAcknowledgedAt() {
    return acknowledgedAt;
  }

  public String getAcknowledgedBy() {
    return acknowledgedBy;
  }

  public Instant getDismissedAt() {
    return dismissedAt;
  }

  public String getDismissedBy() {
    return dismissedBy;
  }

  public String getDismissReason() {
    return dismissReason;
  }

  public Instant getDeclaredAt() {
    return declaredAt;
  }

  public String getDeclaredBy() {
    return declaredBy;
  }

  public UUID getIncidentId() {
    return incidentId;
  }

  public Instant getPagedAt() {
    return pagedAt;
  }
}
