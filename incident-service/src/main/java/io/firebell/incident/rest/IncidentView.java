package io.firebell.incident.rest;

import io.firebell.incident.model.Incident;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An incident as the API shows it. */
public record IncidentView(
    UUID id,
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
    long version) {

  static IncidentView of(Incident i) {
    return new IncidentView(
        i.getId(),
        i.getReference(),
        i.getTitle(),
        i.getSummary(),
        i.getSeverity(),
        i.getStatus(),
        i.getServices(),
        i.getDomains(),
        i.getImpactScope(),
        i.getWarRoomUrl(),
        i.getDetectionMethod(),
        i.getOccurredAt(),
        i.getDetectedAt(),
        i.getDeclaredAt(),
        i.getDeclaredBy(),
        i.getAlertGroupId(),
        i.getVersion());
  }
}
