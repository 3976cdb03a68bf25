package io.firebell.contracts.incident;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * Someone joined the incident's war room.
 *
 * @param incidentId the incident; the record key
 * @param person who joined (user id)
 * @param team their team, or null
 * @param role what they do in the response, free text (e.g. {@code developer}, {@code planner},
 *     {@code sre}, {@code infrastructure}, {@code communications}, {@code decision_maker}), or null
 * @param joinedAt when
 */
public record IncidentParticipantJoined(
    UUID incidentId, String person, String team, String role, Instant joinedAt)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
