package io.firebell.contracts.review;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A prevention measure was added to an incident's report.
 *
 * @param actionItemId the action item; the record key
 * @param incidentId the incident (= report id) it belongs to
 * @param title what is to be done
 * @param kind {@code monitoring_alerting}, {@code config}, {@code code}, {@code review_process},
 *     {@code deploy_process}, {@code architecture}, {@code legacy_removal} or {@code other}
 * @param horizon {@code short} (usually done in a day or two), {@code mid} or {@code long}
 * @param owner who owns it (user id)
 * @param dueAt when it is due (a short-term item defaults to two days after creation)
 * @param createdBy who added it
 * @param createdAt when
 */
public record ActionItemCreated(
    UUID actionItemId,
    UUID incidentId,
    String title,
    String kind,
    String horizon,
    String owner,
    Instant dueAt,
    String createdBy,
    Instant createdAt)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return actionItemId.toString();
  }
}
