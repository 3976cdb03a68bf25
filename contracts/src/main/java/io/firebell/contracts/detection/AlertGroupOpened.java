package io.firebell.contracts.detection;

import io.firebell.contracts.Copies;
import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An alert group opened: the first alert of a route key arrived, or a resolved group fired again
 * within the flapping window and was re-opened instead of creating a new group ({@code reopened}).
 * Consumed by review-service (detection facts for metrics).
 *
 * @param alertGroupId the group; the record key
 * @param routeKey the route plus its group-by label values
 * @param domain the owning domain, whose on-call is paged
 * @param service the affected service, or null when unknown
 * @param kind {@code system}, {@code business}, {@code external_integration} or {@code cs_inquiry}
 * @param severity {@code critical}, {@code error}, {@code warning} or {@code info}
 * @param partner the external partner for {@code external_integration} groups, otherwise null
 * @param summary one line, from the first alert
 * @param labels the group-by labels and their values
 * @param alertCount distinct alerts in the group so far (re-sends not counted)
 * @param occurredAt the earliest alert start time ({@code startsAt}) of the group
 * @param detectedAt when Firebell first saw an alert of the group
 * @param openedAt when the group was opened, or re-opened
 * @param reopened true when a resolved group was re-opened by flapping
 * @param flapCount how many times the group has re-opened (0 for a new group)
 */
public record AlertGroupOpened(
    UUID alertGroupId,
    String routeKey,
    String domain,
    String service,
    String kind,
    String severity,
    String partner,
    String summary,
    Map<String, String> labels,
    int alertCount,
    Instant occurredAt,
    Instant detectedAt,
    Instant openedAt,
    boolean reopened,
    int flapCount)
    implements FirebellEvent {

  public AlertGroupOpened {
    labels = Copies.map(labels);
  }

  @Override
  public String aggregateId() {
    return alertGroupId.toString();
  }
}
