package io.firebell.contracts.detection;

import io.firebell.contracts.Copies;
import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The on-call declared an incident from an alert group, or its route auto-declared it. Published at
 * most once per group. incident-service opens exactly one incident per {@code alertGroupId}
 * (idempotent on it) and answers with {@code incident.declared} carrying the same group id.
 *
 * @param alertGroupId the group; the record key
 * @param domain the owning domain
 * @param service the affected service, or null when unknown
 * @param kind {@code system}, {@code business}, {@code external_integration} or {@code cs_inquiry}
 *     (incident-service maps it to a detection method)
 * @param severity the group's alert severity: {@code critical}, {@code error}, {@code warning} or
 *     {@code info}
 * @param partner the external partner for {@code external_integration} groups, otherwise null
 * @param occurredAt the first alert's start time (the incident's occurrence time)
 * @param detectedAt when Firebell first saw the group (the incident's detection time)
 * @param summary one line describing the signal
 * @param labels the group's labels
 * @param requestedTitle the title the responder gave, or null (incident-service derives one)
 * @param requestedSeverity the incident severity grade asked for (e.g. {@code SEV2}), or null for
 *     the policy default
 * @param autoDeclared true when the route declared by itself
 * @param requestedBy the responder who declared, or null when auto-declared
 * @param requestedAt when the declaration was requested
 */
public record DeclarationRequested(
    UUID alertGroupId,
    String domain,
    String service,
    String kind,
    String severity,
    String partner,
    Instant occurredAt,
    Instant detectedAt,
    String summary,
    Map<String, String> labels,
    String requestedTitle,
    String requestedSeverity,
    boolean autoDeclared,
    String requestedBy,
    Instant requestedAt)
    implements FirebellEvent {

  public DeclarationRequested {
    labels = Copies.map(labels);
  }

  @Override
  public String aggregateId() {
    return alertGroupId.toString();
  }
}
