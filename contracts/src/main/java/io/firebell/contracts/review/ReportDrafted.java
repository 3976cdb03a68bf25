package io.firebell.contracts.review;

import io.firebell.contracts.Copies;
import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The incident resolved and review-service drafted its report from the events: times, detection
 * method, recovery methods and the merged timeline. Humans add the cause, the 5 Whys and the
 * prevention measures before it is published. A report's id is its incident's id.
 *
 * @param incidentId the incident, which is also the report id; the record key
 * @param title the incident title
 * @param severity the severity grade, e.g. {@code SEV2}
 * @param services affected services
 * @param occurredAt when the trouble started
 * @param detectedAt when it was detected
 * @param resolvedAt when it was resolved
 * @param url where the draft is read (HTML)
 * @param draftedAt when the draft was created
 */
public record ReportDrafted(
    UUID incidentId,
    String title,
    String severity,
    List<String> services,
    Instant occurredAt,
    Instant detectedAt,
    Instant resolvedAt,
    String url,
    Instant draftedAt)
    implements FirebellEvent {

  public ReportDrafted {
    services = Copies.list(services);
  }

  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
