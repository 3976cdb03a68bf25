package io.firebell.contracts.detection;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * An open alert group changed: new distinct alerts, an alert of it resolved, its severity rose, a
 * responder acknowledged it, or the incident declared from it was linked. A producer may coalesce
 * several changes (e.g. a storm of new alerts) into one event; the counts are always current.
 *
 * @param alertGroupId the group; the record key
 * @param reason the main change: {@code alerts_added}, {@code alert_resolved}, {@code
 *     severity_changed}, {@code acknowledged} or {@code incident_linked}
 * @param status {@code open} or {@code acknowledged}
 * @param severity the current severity: {@code critical}, {@code error}, {@code warning} or {@code
 *     info}
 * @param alertCount distinct alerts in the group
 * @param firingCount of those, how many are still firing
 * @param flapCount how many times the group has re-opened
 * @param lastAlertAt when the group's latest alert was received
 * @param acknowledgedAt when a responder acknowledged the group, or null
 * @param acknowledgedBy who acknowledged it, or null
 * @param incidentId the incident declared from this group, or null while none is
 * @param updatedAt when the change happened
 */
public record AlertGroupUpdated(
    UUID alertGroupId,
    String reason,
    String status,
    String severity,
    int alertCount,
    int firingCount,
    int flapCount,
    Instant lastAlertAt,
    Instant acknowledgedAt,
    String acknowledgedBy,
    UUID incidentId,
    Instant updatedAt)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return alertGroupId.toString();
  }
}
