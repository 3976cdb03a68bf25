package io.firebell.contracts.review;

import io.firebell.contracts.Copies;
import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A new incident repeats earlier ones: same service or component, and the same cause category once
 * it is known. Links the earlier incidents' reports (report id = incident id) and says whether
 * their action items were closed. The most painful incident is the one that recurs.
 *
 * @param incidentId the new incident; the record key
 * @param service the service it shares with the earlier ones
 * @param component the component it shares, or null
 * @param causeCategory the cause category it shares, or null while the new one has none
 * @param earlier the earlier incidents it repeats, newest first, at least one
 * @param detectedAt when the recurrence was found
 */
public record RecurrenceDetected(
    UUID incidentId,
    String service,
    String component,
    String causeCategory,
    List<EarlierIncident> earlier,
    Instant detectedAt)
    implements FirebellEvent {

  public RecurrenceDetected {
    earlier = Copies.list(earlier);
  }

  @Override
  public String aggregateId() {
    return incidentId.toString();
  }

  /**
   * One earlier incident the new one repeats.
   *
   * @param incidentId the earlier incident, also its report id
   * @param reference its human reference, e.g. {@code INC-2025-0187}
   * @param title its title
   * @param occurredAt when it occurred
   * @param matchedOn what matched: any of {@code service}, {@code component}, {@code
   *     cause_category}
   * @param reportUrl its published report, or null when none was published
   * @param actionItemIds its action items
   * @param openActionItemIds of those, the ones not done (empty when all were closed)
   */
  public record EarlierIncident(
      UUID incidentId,
      String reference,
      String title,
      Instant occurredAt,
      List<String> matchedOn,
      String reportUrl,
      List<UUID> actionItemIds,
      List<UUID> openActionItemIds) {

    public EarlierIncident {
      matchedOn = Copies.list(matchedOn);
      actionItemIds = Copies.list(actionItemIds);
      openActionItemIds = Copies.list(openActionItemIds);
    }
  }
}
