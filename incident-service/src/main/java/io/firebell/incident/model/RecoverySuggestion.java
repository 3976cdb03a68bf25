package io.firebell.incident.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What to do first to restore service, following the playbook's order: a traffic surge is met by
 * scaling out; otherwise a change in the 24 h before the incident is rolled back first; a hotfix
 * only when no rollback is possible (or it is clearly faster, which the responder says when
 * recording it); then replace the bad machines (keeping them for evidence), fail over, and restart
 * as the last resort. Computed from the incident's traffic-surge observation, its rollback
 * candidates and the actions already taken; never stored.
 *
 * @param first the action kind to do first (a step that applies and was not tried), or null when
 *     every step was tried
 * @param why why that step, in a sentence
 * @param changeId for a rollback first, the change to roll back (the newest rollback-safe one)
 * @param trafficSurge the incident's traffic-surge observation (true, false or null: unknown)
 * @param trafficSignal where the observation comes from
 * @param rollbackCandidates how many changes matched in the window
 * @param steps the whole playbook in order, each with whether it applies and was tried
 */
@Schema(
    description =
        "What to do first to restore service, by the playbook's order (scale out on a traffic surge; else roll back a change of the 24 h before; a hotfix only when no rollback is possible; then replace, failover, restart). Computed on read, never stored.")
public record RecoverySuggestion(
    @Schema(
            description =
                "The action kind to do first: a step that applies and was not tried; null when every step was tried")
        String first,
    @Schema(description = "Why that step, in a sentence") String why,
    @Schema(
            description =
                "For a rollback first: the change to roll back (the newest rollback-safe)")
        UUID changeId,
    @Schema(description = "The incident's traffic-surge observation: true, false or null (unknown)")
        Boolean trafficSurge,
    @Schema(description = "Where that observation comes from") String trafficSignal,
    @Schema(description = "How many changes matched in the 24 h before the incident")
        int rollbackCandidates,
    @Schema(
            description =
                "The whole playbook in order: scale_out, rollback, hotfix, replace, failover, restart")
        List<Step> steps) {

  /**
   * One step of the playbook.
   *
   * @param tried an action of this kind is in progress, done or failed
   */
  @Schema(description = "One step of the playbook.")
  public record Step(
      @Schema(description = "The action kind") String kind,
      @Schema(description = "Whether the incident's facts call for it") boolean applies,
      @Schema(description = "An action of this kind is in progress, done or failed") boolean tried,
      @Schema(description = "Why it applies or not, in a sentence") String why) {}

  private static final Set<String> TRIED = Set.of("in_progress", "done", "failed");

  public static RecoverySuggestion of(
      Incident incident, List<RollbackCandidate> candidates, List<RecoveryAction> actions) {
    Set<String> tried =
        actions.stream()
            .filter(a -> TRIED.contains(a.getStatus()))
            .map(RecoveryAction::getKind)
            .collect(Collectors.toSet());
    Set<UUID> rolledBack =
        actions.stream()
            .filter(a -> ActionKind.ROLLBACK.wireName().equals(a.getKind()))
            .filter(a -> TRIED.contains(a.getStatus()) && a.getChangeId() != null)
            .map(RecoveryAction::getChangeId)
            .collect(Collectors.toSet());
    List<ChangeEvent> open =
        candidates.stream()
            .map(RollbackCandidate::change)
            .filter(c -> !rolledBack.contains(c.getId()))
            .toList();
    ChangeEvent safe = open.stream().filter(ChangeEvent::isRollbackSafe).findFirst().orElse(null);
    ChangeEvent unsafe = open.stream().filter(c -> !c.isRollbackSafe()).findFirst().orElse(null);
    Boolean surge = incident.getTrafficSurge();

    List<Step> steps = new ArrayList<>();
    steps.add(
        step(
            ActionKind.SCALE_OUT,
            Boolean.TRUE.equals(surge),
            tried,
            Boolean.TRUE.equals(surge)
                ? "traffic surged (" + incident.getTrafficSignal() + "): add capacity first"
                : Boolean.FALSE.equals(surge)
                    ? "a traffic surge was ruled out (" + incident.getTrafficSignal() + ")"
                    : "no sign of a traffic surge; if traffic did spike, say so (trafficSurge)"
                        + " and scale out first"));
    steps.add(
        step(
            ActionKind.ROLLBACK,
            safe != null,
            tried,
            safe != null
                ? open.size()
                    + " change(s) in the window before the incident; roll back the newest first: "
                    + describe(safe)
                : unsafe != null
                    ? "the only change(s) left cannot be undone by redeploying: " + describe(unsafe)
                    : "no change to roll back in the window before the incident"));
    boolean noRollback = safe == null;
    steps.add(
        step(
            ActionKind.HOTFIX,
            noRollback,
            tried,
            noRollback
                ? (unsafe != null
                        ? "no rollback is possible (" + describe(unsafe) + "); "
                        : "nothing changed to roll back; ")
                    + "fix forward once the cause is certain, pair-checked and verified on beta"
                : "a rollback is possible: hotfix only if it is clearly faster, and say so"));
    steps.add(
        step(
            ActionKind.REPLACE,
            true,
            tried,
            "swap a bad machine or a whole identical set for fresh ones; keep the old out of"
                + " service for evidence"));
    steps.add(
        step(
            ActionKind.FAILOVER,
            true,
            tried,
            "fail the database or zone over when its primary is unhealthy"));
    steps.add(
        step(
            ActionKind.RESTART,
            true,
            tried,
            "the last resort, once evidence (a dump, a snapshot) is kept"));

    Step first = steps.stream().filter(s -> s.applies() && !s.tried()).findFirst().orElse(null);
    return new RecoverySuggestion(
        first == null ? null : first.kind(),
        first == null ? "every step of the playbook was tried" : first.why(),
        first != null && first.kind().equals(ActionKind.ROLLBACK.wireName()) ? safe.getId() : null,
        surge,
        incident.getTrafficSignal(),
        candidates.size(),
        List.copyOf(steps));
  }

  private static Step step(ActionKind kind, boolean applies, Set<String> tried, String why) {
    return new Step(kind.wireName(), applies, tried.contains(kind.wireName()), why);
  }

  private static String describe(ChangeEvent c) {
    return c.getKind()
        + " of "
        + (c.getService() == null ? "the infrastructure" : c.getService())
        + " at "
        + c.getOccurredAt()
        + " ("
        + c.getSummary()
        + ")";
  }
}
