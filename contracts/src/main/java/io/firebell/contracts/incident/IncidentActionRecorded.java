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
 * @param kind {@code scale_out}, {@code rollback}, {@code hotfix}, {@code isolate} (the instance is
 *     taken out of service and kept, never terminated), {@code failover} (database or zone
 *     failover), {@code restart}, {@code config_change} or {@code other}
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
    Instant recordedAt)
    implements FirebellEvent {

  @Override
  public String aggregateId() {
    return incidentId.toString();
  }
}
