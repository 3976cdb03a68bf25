package io.firebell.incident.rest;

import io.firebell.incident.model.Incident;
import io.firebell.incident.model.RecoverySuggestion;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An incident as the API shows it. {@code version} is also its ETag. */
public record IncidentView(
    UUID id,
    String reference,
    String title,
    String summary,
    String severity,
    String status,
    List<String> services,
    List<String> domains,
    List<String> stakeholderGroups,
    String impactScope,
    String customerImpact,
    String warRoomUrl,
    String detectionMethod,
    String location,
    Instant occurredAt,
    Instant detectedAt,
    Instant declaredAt,
    Instant acknowledgedAt,
    Instant mitigatedAt,
    Instant resolvedAt,
    Instant closedAt,
    String recoveryMethod,
    String declaredBy,
    String commander,
    String recoveryLead,
    String communicationsLead,
    UUID alertGroupId,
    Instant updatedAt,
    long version,
    @Schema(
            description =
                "The external partner concerned (a partner_report always names one), or null")
        String partner,
    @Schema(description = "Did traffic surge? true, false (ruled out) or null (unknown)")
        Boolean trafficSurge,
    @Schema(
            description =
                "Where trafficSurge comes from: the detection signal (a label, an alert) or the responder who set it")
        String trafficSignal,
    @Schema(
            description =
                "What to do first to restore service, by the playbook's order; on GET /v1/incidents/{id} only (null in lists)")
        RecoverySuggestion recoverySuggestion) {

  static IncidentView of(Incident i) {
    return of(i, null);
  }

  static IncidentView of(Incident i, RecoverySuggestion suggestion) {
    return new IncidentView(
        i.getId(),
        i.getReference(),
        i.getTitle(),
        i.getSummary(),
        i.getSeverity(),
        i.getStatus(),
        i.getServices(),
        i.getDomains(),
        i.getStakeholderGroups(),
        i.getImpactScope(),
        i.getCustomerImpact(),
        i.getWarRoomUrl(),
        i.getDetectionMethod(),
        i.getLocation(),
        i.getOccurredAt(),
        i.getDetectedAt(),
        i.getDeclaredAt(),
        i.getAcknowledgedAt(),
        i.getMitigatedAt(),
        i.getResolvedAt(),
        i.getClosedAt(),
        i.getRecoveryMethod(),
        i.getDeclaredBy(),
        i.getCommander(),
        i.getRecoveryLead(),
        i.getCommunicationsLead(),
        i.getAlertGroupId(),
        i.getUpdatedAt(),
        i.getVersion(),
        i.getPartner(),
        i.getTrafficSurge(),
        i.getTrafficSignal(),
        suggestion);
  }

  /** The strong ETag of this version of the incident. */
  static String etag(Incident i) {
    return "\"" + i.getVersion() + "\"";
  }
}
