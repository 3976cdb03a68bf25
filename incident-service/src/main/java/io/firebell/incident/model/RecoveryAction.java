package io.firebell.incident.model;

import io.firebell.contracts.incident.IncidentActionRecorded;
import io.firebell.platform.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One step of the recovery playbook. Restore first, find the cause later: scale out, roll back,
 * hotfix (pair-checked and verified on beta first), isolate the bad instance (kept for evidence),
 * fail over, restart.
 */
@Entity
@Table(name = "recovery_action")
public class RecoveryAction {

  @Id private UUID id;

  @Column(name = "incident_id")
  private UUID incidentId;

  private String kind;
  private String status;
  private String summary;
  private String service;

  @Column(name = "change_id")
  private UUID changeId;

  @Column(name = "target_version")
  private String targetVersion;

  private String instance;
  private String author;

  @Column(name = "pair_reviewer")
  private String pairReviewer;

  @Column(name = "pair_reviewed_at")
  private Instant pairReviewedAt;

  @Column(name = "beta_verified_by")
  private String betaVerifiedBy;

  @Column(name = "beta_verified_at")
  private Instant betaVerifiedAt;

  @Column(name = "beta_evidence_url")
  private String betaEvidenceUrl;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Version private long version;

  protected RecoveryAction() {}

  /** What a responder records. */
  public record Plan(
      ActionKind kind,
      ActionStatus status,
      String summary,
      String service,
      UUID changeId,
      String targetVersion,
      String instance,
      String author) {}

  public record Recorded(RecoveryAction action, IncidentActionRecorded event) {}

  public static Recorded record(UUID incidentId, Plan plan, String actor, Instant now) {
    if (plan.kind() == ActionKind.ROLLBACK
        && plan.changeId() == null
        && (plan.targetVersion() == null || plan.targetVersion().isBlank())) {
      throw ProblemException.invalid(
          "changeId",
          "a rollback references the change it rolls back (changeId) or names the version it"
              + " goes back to (targetVersion)");
    }
    if (plan.kind() == ActionKind.ISOLATE
        && (plan.instance() == null || plan.instance().isBlank())) {
      throw ProblemException.invalid(
          "instance",
          "isolating names the instance taken out of service (it is kept, not terminated)");
    }
    RecoveryAction a = new RecoveryAction();
    a.id = UUID.randomUUID();
    a.incidentId = incidentId;
    a.kind = plan.kind().wireName();
    a.status = ActionStatus.PLANNED.wireName();
    a.summary = plan.summary().strip();
    a.service = plan.service();
    a.changeId = plan.changeId();
    a.targetVersion = plan.targetVersion();
    a.instance = plan.instance();
    a.author = plan.author();
    a.createdBy = actor;
    a.createdAt = now;
    a.updatedAt = now;
    if (plan.status() != null && plan.status() != ActionStatus.PLANNED) {
      a.requireGateFor(plan.status());
      a.status = plan.status().wireName();
    }
    return new Recorded(a, a.event(actor, now));
  }

  /** A pair reviewer approves the hotfix; never its author. */
  public IncidentActionRecorded approveAsPairReviewer(String reviewer, Instant now) {
    requireHotfix("pair-reviewed");
    requireNotFinished();
    if (reviewer.equals(author)) {
      throw ProblemException.conflict(
          reviewer + " wrote this hotfix and cannot also be its pair reviewer; ask someone else");
    }
    pairReviewer = reviewer;
    pairReviewedAt = now;
    updatedAt = now;
    return event(reviewer, now);
  }

  /** Marks the hotfix verified on beta: who, when, and the evidence. */
  public IncidentActionRecorded verifyOnBeta(
      String verifiedBy, Instant verifiedAt, String evidenceUrl, String actor, Instant now) {
    requireHotfix("verified on beta");
    requireNotFinished();
    betaVerifiedBy = verifiedBy;
    betaVerifiedAt = verifiedAt;
    betaEvidenceUrl = evidenceUrl;
    updatedAt = now;
    return event(actor, now);
  }

  /** Moves the action along planned → in_progress → done/failed. */
  public IncidentActionRecorded moveTo(ActionStatus to, String actor, Instant now) {
    ActionStatus from = ActionStatus.fromWire(status);
    if (from == to) {
      throw ProblemException.conflict("the action is " + status + " already");
    }
    if (!from.next().contains(to)) {
      throw ProblemException.conflict(
          "an action cannot move from "
              + from.wireName()
              + " to "
              + to.wireName()
              + "; from "
              + from.wireName()
              + " it may move to "
              + from.next().stream().map(ActionStatus::wireName).toList());
    }
    requireGateFor(to);
    status = to.wireName();
    updatedAt = now;
    return event(actor, now);
  }

  /**
   * The hotfix gate: a hotfix reaches production only after a pair reviewer other than its author
   * approved it and it was verified on beta.
   */
  private void requireGateFor(ActionStatus to) {
    if (ActionKind.fromWire(kind) != ActionKind.HOTFIX || !to.applies()) {
      return;
    }
    List<String> missing = new ArrayList<>();
    if (pairReviewer == null) {
      missing.add("a pair reviewer other than the author has not approved it");
    }
    if (betaVerifiedAt == null) {
      missing.add("it has not been verified on beta");
    }
    if (!missing.isEmpty()) {
      throw ProblemException.conflict(
          "a hotfix cannot become "
              + to.wireName()
              + " yet: "
              + String.join(" and ", missing)
              + ". Record the approval (POST …/pair-review) and the beta verification (POST"
              + " …/beta-verification) first.");
    }
  }

  private void requireHotfix(String what) {
    if (ActionKind.fromWire(kind) != ActionKind.HOTFIX) {
      throw ProblemException.conflict("only a hotfix is " + what + "; this action is a " + kind);
    }
  }

  private void requireNotFinished() {
    if (!ActionStatus.fromWire(status).next().iterator().hasNext()) {
      throw ProblemException.conflict("the action is " + status + " already");
    }
  }

  private IncidentActionRecorded event(String actor, Instant now) {
    return new IncidentActionRecorded(
        incidentId,
        id,
        kind,
        status,
        summary,
        service,
        changeId,
        targetVersion,
        author,
        pairReviewer,
        isBetaVerified(),
        actor,
        now);
  }

  public boolean isBetaVerified() {
    return betaVerifiedAt != null;
  }

  /** Isolation keeps the instance (for evidence); no action here ever terminates one. */
  public boolean isInstanceKept() {
    return ActionKind.fromWire(kind) == ActionKind.ISOLATE;
  }

  public UUID getId() {
    return id;
  }

  public UUID getIncidentId() {
    return incidentId;
  }

  public String getKind() {
    return kind;
  }

  public String getStatus() {
    return status;
  }

  public String getSummary() {
    return summary;
  }

  public String getService() {
    return service;
  }

  public UUID getChangeId() {
    return changeId;
  }

  public String getTargetVersion() {
    return targetVersion;
  }

  public String getInstance() {
    return instance;
  }

  public String getAuthor() {
    return author;
  }

  public String getPairReviewer() {
    return pairReviewer;
  }

  public Instant getPairReviewedAt() {
    return pairReviewedAt;
  }

  public String getBetaVerifiedBy() {
    return betaVerifiedBy;
  }

  public Instant getBetaVerifiedAt() {
    return betaVerifiedAt;
  }

  public String getBetaEvidenceUrl() {
    return betaEvidenceUrl;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public long getVersion() {
    return version;
  }
}
