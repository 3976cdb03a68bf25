package io.firebell.contracts.detection;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A page was not acknowledged in time and its alert group escalated to the next level (or, when a
 * policy repeats, back to level 1 in the next round). The page sent at the next level follows as
 * its own {@code page.sent}.
 *
 * @param pageId the unacknowledged page; the record key
 * @param alertGroupId the group the page is about
 * @param domain the domain whose escalation policy paged
 * @param fromLevel the level of the unacknowledged page
 * @param toLevel the level paged next
 * @param round the pass through the policy the next page belongs to, starting at 1
 * @param person who did not acknowledge
 * @param nextPageId the page sent at the next level
 * @param sentAt when the unacknowledged page was sent
 * @param escalatedAt when it escalated
 */
public record PageEscalated(
    UUID pageId,
    UUID alertGroupId,
    String domain,
    int fromLevel,
    int toLevel,
    int round,
    String person,
    UUID nextPageId,
    Instant sentAt,
    Instant escalatedAt)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return pageId.toString();
  }
}
