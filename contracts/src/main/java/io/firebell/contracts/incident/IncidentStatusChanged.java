package io.firebell.contracts.incident;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * The incident moved along its lifecycle {@code investigating → identified → monitoring → resolved
 * → closed}. Resolving also publishes {@code incident.resolved} with the full set of times, closing
 * publishes {@code incident.closed}.
 *
 * @param incidentId the incident; the record key
 * @param from the previous status: {@code investigating}, {@code identified}, {@code monitoring},
 *     {@code resolved} or {@code closed}
 * @param to the new status, same vocabulary
 * @param recoveryMethod when {@code to} is {@code resolved}, the recovery method (an action kind of
 *     {@link IncidentActionRecorded}); otherwise null
 * @param note the responder's note on the transition, or null
 * @param actor who made the transition
 * @param changedAt when
 */
public record IncidentStatusChanged(
    UUID incidentId,
    String from,
    String to,
    String recoveryMethod,
    String note,
    String actor,
    Instant changedAt)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
