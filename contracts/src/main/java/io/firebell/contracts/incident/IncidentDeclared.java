package io.firebell.contracts.incident;

import io.firebell.contracts.Copies;
import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The fire alarm: an incident was declared. Carries only what is confirmed at declaration; every
 * later fact arrives as {@code incident.updated}. broadcast-service rings the internal alarm on it,
 * review-service starts its read model and looks for recurrences, detection-service links the alert
 * group.
 *
 * @param incidentId the incident; the record key
 * @param reference the human reference, e.g. {@code INC-2026-0042}
 * @param title one line
 * @param summary what is known so far, or null
 * @param severity the severity grade of the policy, e.g. {@code SEV1}…{@code SEV4}
 * @param status {@code investigating} at declaration
 * @param services affected services (at least one of services and domains is non-empty)
 * @param domains affected domains
 * @param impactScope the confirmed impact in a sentence, or null
 * @param warRoomUrl the response channel, or null
 * @param detectionMethod system_alarm, business_metric, external_integration, cs_inquiry,
 *     partner_report, employee or manual
 * @param occurredAt when the trouble started, as far as known (backdated when known)
 * @param detectedAt when it was first detected
 * @param declaredAt when it was declared
 * @param declaredBy who declared (user id), or {@code detection} when a route auto-declared
 * @param alertGroupId the detection alert group it was declared from, or null when declared by hand
 * @param partner the external partner the incident concerns (a {@code partner_report} always names
 *     one; an {@code external_integration} alarm names the partner its signal carried), or null; a
 *     key such as {@code pg-kcp}
 */
public record IncidentDeclared(
    UUID incidentId,
    String reference,
    String title,
    String summary,
    String severity,
    String status,
    List<String> services,
    List<String> domains,
    String impactScope,
    String warRoomUrl,
    String detectionMethod,
    Instant occurredAt,
    Instant detectedAt,
    Instant declaredAt,
    String declaredBy,
    UUID alertGroupId,
    String partner)
    implements FirebellEvent {

  public IncidentDeclared {
    services = Copies.list(services);
    domains = Copies.list(domains);
  }

  /** The event as it was before {@code partner} (additive field): no partner. */
  public IncidentDeclared(
      UUID incidentId,
      String reference,
      String title,
      String summary,
      String severity,
      String status,
      List<String> services,
      List<String> domains,
      String impactScope,
      String warRoomUrl,
      String detectionMethod,
      Instant occurredAt,
      Instant detectedAt,
      Instant declaredAt,
      String declaredBy,
      UUID alertGroupId) {
    this(
        incidentId,
        reference,
        title,
        summary,
        severity,
        status,
        services,
        domains,
        impactScope,
        warRoomUrl,
        detectionMethod,
        occurredAt,
        detectedAt,
        declaredAt,
        declaredBy,
        alertGroupId,
        null);
  }

  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
