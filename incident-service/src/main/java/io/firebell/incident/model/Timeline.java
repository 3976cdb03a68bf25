package io.firebell.incident.model;

import io.firebell.contracts.FirebellEvent;
import io.firebell.contracts.incident.IncidentActionRecorded;
import io.firebell.contracts.incident.IncidentClosed;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.contracts.incident.IncidentParticipantJoined;
import io.firebell.contracts.incident.IncidentResolved;
import io.firebell.contracts.incident.IncidentRoleAssigned;
import io.firebell.contracts.incident.IncidentStatusChanged;
import io.firebell.contracts.incident.IncidentUpdated;
import java.time.Instant;
import java.util.UUID;

/**
 * Tells an incident's story: every event it publishes becomes a timeline entry in the same
 * transaction, so the timeline and the published history cannot disagree.
 */
public final class Timeline {

  public static final String NOTE = "note";
  public static final String ALERT_GROUP_LINKED = "alert_group_linked";

  private Timeline() {}

  /** The entry for an event this service publishes; {@code details} is the event's JSON. */
  public static TimelineEntry entryFor(FirebellEvent event, String details) {
    if (event instanceof IncidentDeclared e) {
      return new TimelineEntry(
          e.incidentId(),
          "declared",
          e.declaredBy(),
          e.declaredAt(),
          "Declared "
              + e.severity()
              + " "
              + e.reference()
              + ": "
              + e.title()
              + " (detected by "
              + e.detectionMethod()
              + ")",
          details);
    }
    if (event instanceof IncidentUpdated e) {
      return new TimelineEntry(
          e.incidentId(),
          "updated",
          e.actor(),
          e.updatedAt(),
          "Changed " + String.join(", ", e.changes().keySet()),
          details);
    }
    if (event instanceof IncidentStatusChanged e) {
      String text = "Status " + e.from() + " → " + e.to();
      if (e.recoveryMethod() != null) {
        text += " (recovered by " + e.recoveryMethod() + ")";
      }
      if (e.note() != null) {
        text += ": " + e.note();
      }
      return new TimelineEntry(
          e.incidentId(), "status_changed", e.actor(), e.changedAt(), text, details);
    }
    if (event instanceof IncidentResolved e) {
      return new TimelineEntry(
          e.incidentId(),
          "resolved",
          e.actor(),
          e.resolvedAt(),
          "Resolved; recovery methods " + e.recoveryMethods(),
          details);
    }
    if (event instanceof IncidentClosed e) {
      return new TimelineEntry(
          e.incidentId(), "closed", e.actor(), e.closedAt(), "Closed", details);
    }
    if (event instanceof IncidentRoleAssigned e) {
      String text =
          e.person()
              + " is now "
              + e.role()
              + (e.previousPerson() == null ? "" : " (was " + e.previousPerson() + ")");
      if (e.overrideBy() != null) {
        return new TimelineEntry(
            e.incidentId(),
            "role_override",
            e.overrideBy(),
            e.assignedAt(),
            text
                + " — admin override of the rule that the recovery lead and the communications"
                + " lead are different people, by "
                + e.overrideBy()
                + ": "
                + e.overrideReason(),
            details);
      }
      return new TimelineEntry(
          e.incidentId(), "role_assigned", e.assignedBy(), e.assignedAt(), text, details);
    }
    if (event instanceof IncidentParticipantJoined e) {
      String as =
          (e.role() == null ? "" : " as " + e.role())
              + (e.team() == null ? "" : " (" + e.team() + ")");
      return new TimelineEntry(
          e.incidentId(),
          "participant_joined",
          e.person(),
          e.joinedAt(),
          e.person() + " joined the war room" + as,
          details);
    }
    if (event instanceof IncidentActionRecorded e) {
      String text = e.kind() + " " + e.status() + ": " + e.summary();
      if ("hotfix".equals(e.kind())) {
        text +=
            " [pair reviewer: "
                + (e.pairReviewer() == null ? "none yet" : e.pairReviewer())
                + ", beta verified: "
                + (e.betaVerified() ? "yes" : "no")
                + "]";
      }
      return new TimelineEntry(
          e.incidentId(), "action_recorded", e.actor(), e.recordedAt(), text, details);
    }
    throw new IllegalArgumentException("no timeline entry for " + event.getClass().getName());
  }

  public static TimelineEntry note(UUID incidentId, String text, String actor, Instant now) {
    return new TimelineEntry(incidentId, NOTE, actor, now, text, null);
  }

  public static TimelineEntry alertGroupLinked(
      UUID incidentId, UUID alertGroupId, String summary, String actor, Instant now) {
    return new TimelineEntry(
        incidentId,
        ALERT_GROUP_LINKED,
        actor,
        now,
        "Linked alert group " + alertGroupId + (summary == null ? "" : ": " + summary),
        null);
  }
}
