package io.firebell.contracts.incident;

import io.firebell.contracts.Copies;
import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The incident is resolved: service is restored. Carries every fact review-service needs to draft
 * the report and compute MTTD / MTTA / MTTR without replaying the whole history.
 *
 * @param incidentId the incident; the record key
 * @param title the title at resolution
 * @param severity the severity grade at resolution, e.g. {@code SEV2}
 * @param services affected services
 * @param domains affected domains
 * @param component where it occurred (component/location), or null
 * @param detectionMethod system_alarm, business_metric, external_integration, cs_inquiry,
 *     partner_report, employee or manual
 * @param occurredAt when the trouble started
 * @param detectedAt when it was detected
 * @param declaredAt when it was declared
 * @param acknowledgedAt when a responder acknowledged it, or null
 * @param mitigatedAt when impact was mitigated, or null
 * @param resolvedAt when it was resolved
 * @param recoveryMethods the kinds of the recovery actions that restored service (action kinds of
 *     {@link IncidentActionRecorded}), at least one
 * @param actor who resolved it
 * @param partner the external partner the incident concerned, or null (see {@link
 *     IncidentDeclared#partner})
 */
public record IncidentResolved(
    UUID incidentId,
    String title,
    String severity,
    List<String> services,
    List<String> domains,
    String component,
    String detectionMethod,
    Instant occurredAt,
    Instant detectedAt,
    Instant declaredAt,
    Instant acknowledgedAt,
    Instant mitigatedAt,
    Instant resolvedAt,
    List<String> recoveryMethods,
    String actor,
    String partner)
    implements FirebellEvent {

  public IncidentResolved {
    services = Copies.list(services);
    domains = Copies.list(domains);
    recoveryMethods = Copies.list(recoveryMethods);
  }

  /** The event as it was before {@code partner} (additive field): no partner. */
  public IncidentResolved(
      UUID incidentId,
      String title,
      String severity,
      List<String> services,
      List<String> domains,
      String component,
      String detectionMethod,
      Instant occurredAt,
      Instant detectedAt,
      Instant declaredAt,
      Instant acknowledgedAt,
      Instant mitigatedAt,
      Instant resolvedAt,
      List<String> recoveryMethods,
      String actor) {
    this(
        incidentId,
        title,
        severity,
        services,
        domains,
        component,
        detectionMethod,
        occurredAt,
        detectedAt,
        declaredAt,
        acknowledgedAt,
        mitigatedAt,
        resolvedAt,
        recoveryMethods,
        actor,
        null);
  }

  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
