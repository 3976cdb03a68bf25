package io.firebell.contracts.incident;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A role of the incident was given to a person. broadcast-service keeps who holds each role: the
 * recovery lead may not post stakeholder updates.
 *
 * <p>The recovery lead and the communications lead must be different people; when an admin overrode
 * that rule for this assignment, {@code overrideBy} and {@code overrideReason} say who and why
 * (both null otherwise).
 *
 * @param incidentId the incident; the record key
 * @param role {@code commander}, {@code recovery_lead} or {@code communications_lead}
 * @param person who holds the role now (user id)
 * @param previousPerson who held it before, or null
 * @param overrideBy the admin who allowed recovery lead == communications lead, or null
 * @param overrideReason the admin's reason, or null
 * @param assignedBy who assigned the role
 * @param assignedAt when
 */
public record IncidentRoleAssigned(
    UUID incidentId,
    String role,
    String person,
    String previousPerson,
    String overrideBy,
    String overrideReason,
    String assignedBy,
    Instant assignedAt)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
