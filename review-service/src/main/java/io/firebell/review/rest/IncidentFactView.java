package io.firebell.review.rest;

import io.firebell.review.model.IncidentFact;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An incident as review-service knows it. */
public record IncidentFactView(
    UUID incidentId,
    String reference,
    String title,
    String summary,
    String severity,
    String status,
    List<String> services,
    List<String> domains,
    String detectionMethod,
    Instant occurredAt,
    Instant detectedAt,
    Instant declaredAt,
    String declaredBy,
    UUID alertGroupId,
    Instant recordedAt,
    @Schema(
            description =
                "The partner a hand-declared partner report names (the incident events' optional partner), or null")
        String partner) {

  static IncidentFactView of(IncidentFact f) {
    return new IncidentFactView(
        f.getIncidentId(),
        f.getReference(),
        f.getTitle(),
        f.getSummary(),
        f.getSeverity(),
        f.getStatus(),
        f.getServices(),
        f.getDomains(),
        f.getDetectionMethod(),
        f.getOccurredAt(),
        f.getDetectedAt(),
        f.getDeclaredAt(),
        f.getDeclaredBy(),
        f.getAlertGroupId(),
        f.getRecordedAt(),
        f.getPartner());
  }
}
