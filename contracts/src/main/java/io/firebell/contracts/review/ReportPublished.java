package io.firebell.contracts.review;

import io.firebell.contracts.Copies;
import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A report version was frozen and published. broadcast-service shares it with the whole engineering
 * organisation; each publish of a corrected report is a new {@code version}.
 *
 * @param incidentId the incident, which is also the report id; the record key
 * @param version the published version, starting at 1
 * @param title the incident title
 * @param severity the severity grade, e.g. {@code SEV2}
 * @param services affected services
 * @param summary a short blameless abstract for the share message
 * @param causeCategory the cause category of the report, or null when not set
 * @param url where this version is read (HTML)
 * @param publishedBy the reviewer who published it
 * @param publishedAt when
 */
public record ReportPublished(
    UUID incidentId,
    int version,
    String title,
    String severity,
    List<String> services,
    String summary,
    String causeCategory,
    String url,
    String publishedBy,
    Instant publishedAt)
    implements FirebellEvent {

  public ReportPublished {
    services = Copies.list(services);
  }

  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
