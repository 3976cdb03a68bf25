package io.firebell.contracts.review;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * An action item passed its due time without being done. Published once per item.
 *
 * @param actionItemId the action item; the record key
 * @param incidentId the incident (= report id) it belongs to
 * @param title what is to be done
 * @param horizon {@code short}, {@code mid} or {@code long}
 * @param owner who owns it
 * @param status its status when found overdue: {@code open} or {@code in_progress}
 * @param dueAt when it was due
 * @param overdueAt when it was found overdue
 */
public record ActionItemOverdue(
    UUID actionItemId,
    UUID incidentId,
    String title,
    String horizon,
    String owner,
    String status,
    Instant dueAt,
    Instant overdueAt)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return actionItemId.toString();
  }
}
