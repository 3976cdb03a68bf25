package io.firebell.incident.model;

import io.firebell.contracts.incident.IncidentActionRecorded;
import io.firebell.platform.problem.Problem;
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

  @Column(name = "instance_set")
  private String instanceSet;

  @Column(name = "evidence_kind")
  private String evidenceKind;

  @Column(name = "evidence_reference")
  private String evidenceReference;

  @Column(name = "evidence_confirmed")
  private boolean evidenceConfirmed;

  @Column(name = "hotfix_reason")
  private String hotfixReason;

  @Column(name = "hotfix_reason_detail")
  private String hotfixReasonDetail;

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

  /** What evidence survives: the machine itself, a snapshot of it, or a dump. */
  public static final List<String> EVIDENCE_KINDS = List.of("instance", "snapshot", "dump");

  /** Why a hotfix rather than a rollback: none is possible, or it is clearly faster. */
  public static final List<String> HOTFIX_REASONS = List.of("rollback_impossible", "faster");

  /** Evidence kept: its kind (one of {@link #EVIDENCE_KINDS}) and where it is. */
  public record Evidence(String kind, String reference) {}

  /** Why a hotfix: one of {@link #HOTFIX_REASONS} and the reason in a sentence. */
  public record HotfixReason(String code, String detail) {}

  /**
   * What a responder records.
   *
   * @param instanceSet replace: the whole identical set replaced (instead of one instance)
   * @param evidence isolate (required), replace or restart: the evidence kept
   * @param evidenceKeptConfirmed restart: the responder confirms evidence is kept (required)
   * @param hotfixReason hotfix (required): why not roll back
   */
  public record Plan(
      ActionKind kind,
      ActionStatus status,
      String summary,
      String service,
      UUID changeId,
      String targetVersion,
      String instance,
      String author,
      String instanceSet,
      Evidence evidence,
      boolean evidenceKeptConfirmed,
      HotfixReason hotfixReason) {}

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
    requirePlaybook(plan);
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
    a.instanceSet = plan.instanceSet();
    if (plan.evidence() != null) {
      a.evidenceKind = plan.evidence().kind();
      a.evidenceReference = plan.evidence().reference();
    }
    a.evidenceConfirmed = plan.evidenceKeptConfirmed();
    if (plan.kind() == ActionKind.HOTFIX) {
      a.hotfixReason = plan.hotfixReason().code();
      a.hotfixReasonDetail = plan.hotfixReason().detail();
    }
    a.createdBy = actor;
    a.createdAt = now;
    a.updatedAt = now;
    if (plan.status() != null && plan.status() != ActionStatus.PLANNED) {
      a.requireGateFor(plan.status());
      a.status = plan.status().wireName();
    }
    return new Recorded(a, a.event(actor, now));
  }

  /**
   * The playbook's records: a replace names one machine or a whole identical set (not both); an
   * isolate says what evidence is kept; a restart, the last resort, only once the responder
   * confirms evidence is kept; a hotfix says why it is not a rollback. 422 otherwise.
   */
  private static void requirePlaybook(Plan plan) {
    Evidence evidence = plan.evidence();
    if (evidence != null && !EVIDENCE_KINDS.contains(evidence.kind())) {
      throw playbook("evidence.kind", "must be one of " + EVIDENCE_KINDS);
    }
    switch (plan.kind()) {
      case REPLACE -> {
        boolean one = plan.instance() != null;
        boolean set = plan.instanceSet() != null;
        if (one == set) {
          throw playbook(
              one ? "instanceSet" : "instance",
              "a replace names either the one machine replaced (instance) or the whole identical"
                  + " set replaced (instanceSet), not "
                  + (one ? "both" : "neither"));
        }
      }
      case ISOLATE -> {
        if (evidence == null) {
          throw playbook(
              "evidence",
              "an isolation records the evidence kept: the instance itself, a snapshot or a dump,"
                  + " and where it is (evidence.kind, evidence.reference)");
        }
      }
      case RESTART -> {
        if (!plan.evidenceKeptConfirmed()) {
          throw playbook(
              "evidenceKept",
              "a restart wipes what a failing process knows; confirm that evidence is kept"
                  + " (evidenceKept: true, e.g. after a heap or thread dump) before restarting");
        }
      }
      case HOTFIX -> {
        HotfixReason reason = plan.hotfixReason();
        if (reason == null || reason.code() == null || !HOTFIX_REASONS.contains(reason.code())) {
          throw playbook(
              "hotfixReason",
              "a hotfix is chosen over a rollback only when no rollback is possible or it is"
                  + " clearly faster: give hotfixReason "
                  + HOTFIX_REASONS
                  + " and why in hotfixReasonDetail");
        }
        if (reason.detail() == null || reason.detail().isBlank()) {
          throw playbook(
              "hotfixReasonDetail",
              "say why in a sentence (e.g. the change added a column that a rollback cannot"
                  + " remove)");
        }
      }
      default -> {
        // The other kinds record no more than a summary.
      }
    }
  }

  private static ProblemException playbook(String field, String message) {
    return new ProblemException(
        422,
        "recovery-playbook",
        "Recovery playbook",
        field + ": " + message,
        List.of(new Problem.FieldError(field, message)));
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
        now,
        instance,
        instanceSet,
        evidenceKind,
        evidenceReference,
        isEvidenceKept(),
        hotfixReason,
        hotfixReasonDetail);
  }

  public boolean isBetaVerified() {
    return betaVerifiedAt != null;
  }

  /** The instance itself is kept (out of service, for evidence), as recorded. */
  public boolean isInstanceKept() {
    return "instance".equals(evidenceKind);
  }

  /** Evidence was recorded, or, for a restart, confirmed kept. */
  public boolean isEvidenceKept() {
    return evidenceKind != null || evidenceConfirmed;
  }

  public String getInstanceSet() {
    return instanceSet;
  }

  public String getEvidenceKind() {
    return evidenceKind;
  }

  public String getEvidenceReference() {
    return evidenceReference;
  }

  public String getHotfixReason() {
    return hotfixReason;
  }

  public String getHotfixReasonDetail() {
    return hotfixReasonDetail;
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
