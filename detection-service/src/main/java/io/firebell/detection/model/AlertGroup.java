package io.firebell.detection.model;

import io.firebell.contracts.FirebellEvent;
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
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The alerts of one route key while they fire. At most one group per route key is active (not
 * resolved) — the database enforces it — and a group that resolves and fires again within the
 * flapping window re-opens instead of making a new one. Every decision about what an arriving alert
 * does to its group is taken here ({@link #apply}, {@link #start}); domain methods return the
 * events they cause, and the grouping service only loads and writes.
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

  // What the group owes as one coalesced alert-group.updated (ADR 0104): alerts were added or the
  // severity rose since the last takeUpdate. Not stored: a batch's working state.
  @Transient private boolean alertsAdded;
  @Transient private boolean severityRose;

  protected AlertGroup() {}

  /**
   * What an arriving alert did: the group it is in now ({@code this}, or a new one the caller must
   * store), the alert's new row (null when the group had it), and the events it caused at once.
   */
  public record Applied(AlertGroup group, AlertRow newAlert, List<FirebellEvent> events) {}

  /**
   * The first firing alert of a route key that has no group to join (none active, none resolved
   * within the flap window): a new group holding it.
   */
  public static Applied start(AlertReceived a, Instant now) {
    AlertGroup g = create(a, now);
    return g.join(a, null, new ArrayList<>(), now);
  }

  /**
   * Applies an alert to this group, the route key's latest (active, or resolved within the batch's
   * reach).
   *
   * <ul>
   *   <li>A firing alert joins it: a new alert is added (the group's first one publishes {@code
   *       alert-group.opened}, and {@code inquiry-cluster.opened} for a CS-inquiry cluster); a
   *       re-send of a known alert changes its row and no event; a known alert firing again after
   *       it resolved counts as firing again. An alert of higher severity raises the group's.
   *   <li>If this group has resolved, a firing alert re-opens it within {@code flapWindow} of its
   *       resolution (one more flap, {@code alert-group.opened} again); later, it goes to a new
   *       group ({@link #start}).
   *   <li>A resolve of one of its firing alerts resolves the group with its last one ({@code
   *       alert-group.resolved}), else publishes {@code alert_resolved}; an acknowledge from the
   *       source acknowledges an open group. Either changes nothing for an alert the group does not
   *       hold or a group that has resolved.
   * </ul>
   *
   * Added alerts and a raised severity publish no event here: the group owes one coalesced update,
   * taken with {@link #takeUpdate}.
   *
   * @param existing this group's row of the alert (same dedup key), null when it has none
   * @param flapWindow how long after resolving a group re-opens instead of giving way to a new one
   */
  public Applied apply(AlertReceived a, AlertRow existing, Duration flapWindow, Instant now) {
    List<FirebellEvent> events = new ArrayList<>();
    AlertStatus incoming = AlertStatus.fromWire(a.status());
    if (incoming != AlertStatus.FIRING) {
      if (existing != null && resolvedAt == null) {
        settle(a, incoming, existing, now, events);
      }
      return new Applied(this, null, events);
    }
    if (resolvedAt != null) {
      if (!withinFlapWindow(now, flapWindow)) {
        return start(a, now);
      }
      events.add(reopen(a, now));
    }
    return join(a, existing, events, now);
  }

  private Applied join(
      AlertReceived a, AlertRow existing, List<FirebellEvent> events, Instant now) {
    severityRose |= raiseSeverity(a.severity()) && alertCount > 0;
    if (existing == null) {
      boolean first = alertCount == 0;
      alertAdded(a);
      AlertRow row = AlertRow.first(id, a);
      if (first) {
        events.add(opened());
        InquiryCluster cluster = InquiryCluster.of(a);
        if (cluster != null) {
          events.add(cluster.opened(this, a.summary(), now));
        }
      } else {
        alertsAdded = true;
      }
      return new Applied(this, row, events);
    }
    AlertStatus previous = existing.update(a);
    if (previous == AlertStatus.RESOLVED && existing.getStatus() == AlertStatus.FIRING) {
      alertRefired(a);
      alertsAdded = true;
    } else {
      alertRepeated(a);
    }
    return new Applied(this, null, events);
  }

  private void settle(
      AlertReceived a,
      AlertStatus incoming,
      AlertRow alert,
      Instant now,
      List<FirebellEvent> events) {
    if (incoming == AlertStatus.ACKNOWLEDGED) {
      alert.update(a);
      if (status == AlertGroupStatus.OPEN) {
        events.add(acknowledge("integration:" + a.sourceKind(), now));
      }
      return;
    }
    AlertStatus previous = alert.update(a);
    if (previous == AlertStatus.FIRING && alert.getStatus() == AlertStatus.RESOLVED) {
      boolean last = alertResolved(a.endsAt() != null ? a.endsAt() : now);
      events.add(last ? resolved() : updated(UpdateReason.ALERT_RESOLVED, now));
    }
  }

  /**
   * The one {@code alert-group.updated} the alerts added since the last call (else a raised
   * severity) cause, coalesced however many there were; null when there were none or the group has
   * resolved since. Clears what it owed.
   */
  public AlertGroupUpdated takeUpdate(Instant now) {
    AlertGroupUpdated owed =
        (alertsAdded || severityRose) && resolvedAt == null
            ? updated(alertsAdded ? UpdateReason.ALERTS_ADDED : UpdateReason.SEVERITY_CHANGED, now)
            : null;
    alertsAdded = false;
    severityRose = false;
    return owed;
  }

  /**
   * The declaration an auto-declaring route asks for, once in the group's life (never for a
   * dismissed group); null otherwise. {@code route} is null when it no longer exists.
   */
  public DeclarationRequested autoDeclare(RouteTable.Compiled route, Instant now) {
    if (route == null
        || !route.autoDeclare()
        || status == AlertGroupStatus.DISMISSED
        || declaredAt != null) {
      return null;
    }
    return declare(null, null, true, null, now);
  }

  /**
   * Whether the group's route pages for it now: a paging route, open, not yet paged, severe enough.
   */
  public boolean toPage(RouteTable.Compiled route) {
    return route != null
        && route.page()
        && pagedAt == null
        && status == AlertGroupStatus.OPEN
        && Severity.fromWire(severity).atLeast(route.pageMinSeverity());
  }

  private static AlertGroup create(AlertReceived a, Instant now) {
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

  private AlertGroupOpened opened() {
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
  private boolean withinFlapWindow(Instant now, Duration window) {
    return resolvedAt != null && !resolvedAt.plus(window).isBefore(now);
  }

  /** A resolved group fires again within the window: the same group, one more flap. */
  private AlertGroupOpened reopen(AlertReceived a, Instant now) {
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
  private void alertAdded(AlertReceived a) {
    alertCount++;
    firingCount++;
    touch(a);
  }

  /** A known alert fires again after it had resolved. */
  private void alertRefired(AlertReceived a) {
    firingCount++;
    touch(a);
  }

  private void alertRepeated(AlertReceived a) {
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
  private boolean raiseSeverity(String alertSeverity) {
    Severity current = Severity.fromWire(severity);
    Severity incoming = Severity.fromWire(alertSeverity);
    if (incoming != null && incoming.compareTo(current) > 0) {
      severity = incoming.wire();
      return true;
    }
    return false;
  }

  /** One firing alert resolved; the group resolves with its last one. */
  private boolean alertResolved(Instant at) {
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

  private AlertGroupResolved resolved() {
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
  public boolean linkIncident(UUID incident, Instant now) {
    if (incident.equals(incidentId)) {
      return false;
    }
    incidentId = incident;
    if (declaredAt == null) {
      declaredAt = now;
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
