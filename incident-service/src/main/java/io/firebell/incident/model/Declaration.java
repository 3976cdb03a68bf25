package io.firebell.incident.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What is confirmed when an incident is declared: title and a service or domain, the rest optional.
 */
public record Declaration(
    String title,
    String summary,
    String severity,
    List<String> services,
    List<String> domains,
    String impactScope,
    String warRoomUrl,
    DetectionMethod detectionMethod,
    Instant occurredAt,
    Instant detectedAt,
    UUID alertGroupId) {}
