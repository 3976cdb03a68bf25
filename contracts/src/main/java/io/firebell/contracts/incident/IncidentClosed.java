package io.firebell.contracts.incident;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * The incident is closed: nothing more happens to it in incident-service (the review continues in
 * review-service).
 *
 * @param incidentId the incident; the record key
 * @param resolvedAt when it was resolved
 * @param closedAt when it was closed
 * @param actor who closed it
 */
public record IncidentClosed(UUID incidentId, Instant resolvedAt, Instant closedAt, String actor)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
