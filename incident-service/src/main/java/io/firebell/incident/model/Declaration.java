package io.firebell.incident.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What is confirmed when an incident is declared: title and a service or domain, the rest optional.
 *
 * @param partner the external partner concerned (required for a partner report), or null
 * @param trafficSignal why the detection signal reads as a traffic surge, or null when it does not
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
    UUID alertGroupId,
    String partner,
    String trafficSignal) {}
