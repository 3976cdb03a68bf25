package io.firebell.contracts.incident;

import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A recovery action was recorded or changed status. Published on creation and on every status
 * change of the action, each time with its full current state.
 *
 * @param incidentId the incident; the record key
 * @param actionId the action
 * @param kind {@code scale_out}, {@code rollback}, {@code hotfix}, {@code replace} (one machine or
 *     a whole identical set swapped for fresh ones, the old kept out of service), {@code isolate}
 *     (the instance is taken out of service and kept, never terminated), {@code failover} (database
 *     or zone failover), {@code restart}, {@code config_change} or {@code other}
 * @param status {@code planned}, {@code in_progress}, {@code done} or {@code failed}
 * @param summary what is done, one line
 * @param service the service acted on, or null
 * @param changeId for a rollback, the change being rolled back, or null
 * @param targetVersion for a rollback, the version rolled back to, or null
 * @param author who performs the action
 * @param pairReviewer for a hotfix, the approving reviewer (never the author), or null until one
 *     approved
 * @param betaVerified for a hotfix, whether it was verified on beta; false for other kinds
 * @param actor who recorded this change of the action
 * @param recordedAt when
 * @param instance for an isolate or replace, the one machine acted on, or null
 * @param instanceSet for a replace of a whole identical set (node group, auto-scaling group,
 *     replica set), its name, or null
 * @param evidenceKind what evidence is kept: {@code instance} (the machine itself, out of service),
 *     {@code snapshot} (a disk or VM snapshot) or {@code dump} (heap, thread or core dump); always
 *     set for an isolate, optional for a replace or restart, otherwise null
 * @param evidenceReference where the evidence is: the instance name, snapshot id or dump location
 * @param evidenceKept true when evidence was kept: recorded ({@code evidenceKind}) or, for a
 *     restart, confirmed by the responder
 * @param hotfixReason for a hotfix, why not roll back: {@code rollback_impossible} or {@code
 *     faster}; null for other kinds
 * @param hotfixReasonDetail for a hotfix, the reason in a sentence
 */
public record IncidentActionRecorded(
    UUID incidentId,
    UUID actionId,
    String kind,
    String status,
    String summary,
    String service,
    UUID changeId,
    String targetVersion,
    String author,
    String pairReviewer,
    boolean betaVerified,
    String actor,
    Instant recordedAt,
    String instance,
    String instanceSet,
    String evidenceKind,
    String evidenceReference,
    boolean evidenceKept,
    String hotfixReason,
    String hotfixReasonDetail)
    implements FirebellEvent {

  /** The event as it was before the replace, evidence and hotfix-reason fields (additive). */
  public IncidentActionRecorded(
      UUID incidentId,
      UUID actionId,
      String kind,
      String status,
      String summary,
      String service,
      UUID changeId,
      String targetVersion,
      String author,
      String pairReviewer,
      boolean betaVerified,
      String actor,
      Instant recordedAt) {
    this(
        incidentId,
        actionId,
        kind,
        status,
        summary,
        service,
        changeId,
        targetVersion,
        author,
        pairReviewer,
        betaVerified,
        actor,
        recordedAt,
        null,
        null,
        null,
        null,
        false,
        null,
        null);
  }

  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
