package io.firebell.contracts.detection;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A person was paged for an alert group: one notification to one target at one escalation level.
 * Escalating sends a new page (a new page id) at the next level.
 *
 * @param pageId the page; the record key
 * @param alertGroupId the group the page is about
 * @param domain the domain whose escalation policy paged
 * @param level the escalation level, starting at 1
 * @param round the pass through the escalation policy, starting at 1 (policies may repeat)
 * @param person who was paged (their Firebell user id, the JWT subject)
 * @param scheduleId the on-call schedule the person was taken from, or null when the level names
 *     the person directly
 * @param severity the group's severity: {@code critical}, {@code error}, {@code warning} or {@code
 *     info}
 * @param summary what the page said, one line
 * @param sentAt when the notification was delivered
 * @param escalatesAt when the page escalates if not acknowledged, or null when no level follows
 */
public record PageSent(
    UUID pageId,
    UUID alertGroupId,
    String domain,
    int level,
    int round,
    String person,
    UUID scheduleId,
    String severity,
    String summary,
    Instant sentAt,
    Instant escalatesAt)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return pageId.toString();
  }
}
