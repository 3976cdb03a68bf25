package io.firebell.contracts.detection;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * Every alert of the group has resolved. If it fires again within the flapping window the same
 * group re-opens ({@code alert-group.opened} with {@code reopened = true}).
 *
 * @param alertGroupId the group; the record key
 * @param domain the owning domain
 * @param service the affected service, or null when unknown
 * @param kind {@code system}, {@code business}, {@code external_integration} or {@code cs_inquiry}
 * @param severity the highest severity the group reached: {@code critical}, {@code error}, {@code
 *     warning} or {@code info}
 * @param alertCount distinct alerts the group held
 * @param flapCount how many times it re-opened
 * @param occurredAt the earliest alert start time of the group
 * @param resolvedAt when its last alert resolved
 * @param incidentId the incident declared from this group, or null
 */
public record AlertGroupResolved(
    UUID alertGroupId,
    String domain,
    String service,
    String kind,
    String severity,
    int alertCount,
    int flapCount,
    Instant occurredAt,
    Instant resolvedAt,
    UUID incidentId)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return alertGroupId.toString();
  }
}
