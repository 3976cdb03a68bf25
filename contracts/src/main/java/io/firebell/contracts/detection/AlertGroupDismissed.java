package io.firebell.contracts.detection;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * The on-call triaged the group as not an incident. Its pages stop escalating; no incident is
 * declared from it. review-service counts dismissals per route to find noisy alarms.
 *
 * @param alertGroupId the group; the record key
 * @param domain the owning domain
 * @param service the affected service, or null when unknown
 * @param kind {@code system}, {@code business}, {@code external_integration} or {@code cs_inquiry}
 * @param severity {@code critical}, {@code error}, {@code warning} or {@code info}
 * @param reason why it is not an incident, free text
 * @param dismissedBy the responder who dismissed it
 * @param dismissedAt when
 */
public record AlertGroupDismissed(
    UUID alertGroupId,
    String domain,
    String service,
    String kind,
    String severity,
    String reason,
    String dismissedBy,
    Instant dismissedAt)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return alertGroupId.toString();
  }
}
