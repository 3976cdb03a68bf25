package io.firebell.contracts.detection;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * The paged person acknowledged the page; escalation for its alert group stops.
 *
 * @param pageId the page; the record key
 * @param alertGroupId the group the page is about
 * @param domain the domain whose escalation policy paged
 * @param level the escalation level of the page
 * @param person who acknowledged (the paged person)
 * @param sentAt when the page was sent
 * @param acknowledgedAt when it was acknowledged
 */
public record PageAcknowledged(
    UUID pageId,
    UUID alertGroupId,
    String domain,
    int level,
    String person,
    Instant sentAt,
    Instant acknowledgedAt)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return pageId.toString();
  }
}
