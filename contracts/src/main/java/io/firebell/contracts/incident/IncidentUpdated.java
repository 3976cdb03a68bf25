package io.firebell.contracts.incident;

import io.firebell.contracts.Copies;
import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fields of an incident changed (not its status: that is {@code incident.status-changed}). Carries
 * both what changed and the current snapshot of the fields most consumers keep, so a read model can
 * simply overwrite them.
 *
 * @param incidentId the incident; the record key
 * @param changes each changed field by its name in the incident API ({@code title}, {@code
 *     severity}, {@code services}, {@code impactScope}, {@code customerImpact}, {@code component},
 *     {@code occurredAt}…) → its new JSON value (null when cleared)
 * @param title current title
 * @param severity current severity grade, e.g. {@code SEV2}
 * @param status current status: {@code investigating}, {@code identified}, {@code monitoring},
 *     {@code resolved} or {@code closed}
 * @param services current affected services
 * @param domains current affected domains
 * @param impactScope current impact scope, or null
 * @param warRoomUrl current war-room link, or null
 * @param actor who changed it
 * @param updatedAt when
 * @param detectionMethod current detection method (the incident's kind: {@code system_alarm},
 *     {@code business_metric}, {@code external_integration}, {@code cs_inquiry}, {@code
 *     partner_report}, {@code employee} or {@code manual}); null only in events written before it
 *     was added
 * @param partner current external partner, or null
 */
public record IncidentUpdated(
    UUID incidentId,
    Map<String, Object> changes,
    String title,
    String severity,
    String status,
    List<String> services,
    List<String> domains,
    String impactScope,
    String warRoomUrl,
    String actor,
    Instant updatedAt,
    String detectionMethod,
    String partner)
    implements FirebellEvent {

  public IncidentUpdated {
    changes = Copies.map(changes);
    services = Copies.list(services);
    domains = Copies.list(domains);
  }

  /** The event as it was before the detection method and partner snapshots (additive fields). */
  public IncidentUpdated(
      UUID incidentId,
      Map<String, Object> changes,
      String title,
      String severity,
      String status,
      List<String> services,
      List<String> domains,
      String impactScope,
      String warRoomUrl,
      String actor,
      Instant updatedAt) {
    this(
        incidentId,
        changes,
        title,
        severity,
        status,
        services,
        domains,
        impactScope,
        warRoomUrl,
        actor,
        updatedAt,
        null,
        null);
  }

  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
