package io.firebell.incident.service;

import io.firebell.contracts.incident.IncidentActionRecorded;
import io.firebell.incident.model.ActionStatus;
import io.firebell.incident.model.Incident;
import io.firebell.incident.model.RecoveryAction;
import io.firebell.incident.model.RecoverySuggestion;
import io.firebell.incident.repository.ChangeEventRepository;
import io.firebell.incident.repository.IncidentRepository;
import io.firebell.incident.repository.RecoveryActionRepository;
import io.firebell.platform.problem.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The recovery playbook of an incident: actions, their progress and the hotfix gate. */
@ApplicationScoped
public class RecoveryActionService {

  private final IncidentRepository incidents;
  private final RecoveryActionRepository actions;
  private final ChangeEventRepository changes;
  private final ChangeService changeService;
  private final EventRecorder recorder;
  private final Clock clock;

  public RecoveryActionService(
      IncidentRepository incidents,
      RecoveryActionRepository actions,
      ChangeEventRepository changes,
      ChangeService changeService,
      EventRecorder recorder,
      Clock clock) {
    this.incidents = incidents;
    this.actions = actions;
    this.changes = changes;
    this.changeService = changeService;
    this.recorder = recorder;
    this.clock = clock;
  }

  /**
   * What to do first, from the incident's traffic-surge observation, its rollback candidates (the
   * default window, 24 h) and the actions already taken.
   */
  @WithSession
  @WithSpan("RecoveryActionService.suggest")
  public Uni<RecoverySuggestion> suggest(UUID incidentId) {
    return changeService
        .rollbackCandidates(incidentId, null)
        .chain(
            found ->
                actions
                    .ofIncident(incidentId)
                    .map(
                        taken ->
                            RecoverySuggestion.of(found.incident(), found.candidates(), taken)));
  }

  @WithTransaction
  @WithSpan("RecoveryActionService.record")
  public Uni<RecoveryAction> record(UUID incidentId, RecoveryAction.Plan plan, String actor) {
    return openIncident(incidentId)
        .chain(() -> plan.changeId() == null ? Uni.createFrom().item(true) : changeExists(plan))
        .chain(
            () -> {
              RecoveryAction.Recorded recorded =
                  RecoveryAction.record(incidentId, plan, actor, Instant.now(clock));
              return actions
                  .persist(recorded.action())
                  .chain(() -> recorder.record(recorded.event()))
                  .replaceWith(recorded.action());
            });
  }

  private Uni<Boolean> changeExists(RecoveryAction.Plan plan) {
    return changes
        .findById(plan.changeId())
        .map(
            change -> {
              if (change == null) {
                throw ProblemException.unprocessable(
                    "changeId: change " + plan.changeId() + " does not exist");
              }
              return true;
            });
  }

  @WithTransaction
  @WithSpan("RecoveryActionService.moveTo")
  public Uni<RecoveryAction> moveTo(UUID incidentId, UUID actionId, ActionStatus to, String actor) {
    return change(incidentId, actionId, a -> a.moveTo(to, actor, Instant.now(clock)));
  }

  @WithTransaction
  @WithSpan("RecoveryActionService.approve")
  public Uni<RecoveryAction> approve(UUID incidentId, UUID actionId, String reviewer) {
    return change(incidentId, actionId, a -> a.approveAsPairReviewer(reviewer, Instant.now(clock)));
  }

  @WithTransaction
  @WithSpan("RecoveryActionService.verifyOnBeta")
  public Uni<RecoveryAction> verifyOnBeta(
      UUID incidentId,
      UUID actionId,
      String verifiedBy,
      Instant at,
      String evidence,
      String actor) {
    Instant now = Instant.now(clock);
    return change(
        incidentId,
        actionId,
        a -> a.verifyOnBeta(verifiedBy, at == null ? now : at, evidence, actor, now));
  }

  @WithSession
  public Uni<List<RecoveryAction>> list(UUID incidentId) {
    return incidents
        .findById(incidentId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("incident", incidentId))
        .chain(() -> actions.ofIncident(incidentId));
  }

  @WithSession
  public Uni<RecoveryAction> get(UUID incidentId, UUID actionId) {
    return action(incidentId, actionId);
  }

  private Uni<RecoveryAction> change(
      UUID incidentId, UUID actionId, Function<RecoveryAction, IncidentActionRecorded> change) {
    return openIncident(incidentId)
        .chain(() -> action(incidentId, actionId))
        .chain(action -> recorder.record(change.apply(action)).replaceWith(action));
  }

  private Uni<RecoveryAction> action(UUID incidentId, UUID actionId) {
    return actions
        .findById(actionId)
        .map(
            a -> {
              if (a == null || !a.getIncidentId().equals(incidentId)) {
                throw ProblemException.notFound("recovery action", actionId);
              }
              return a;
            });
  }

  private Uni<Incident> openIncident(UUID id) {
    return incidents
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("incident", id))
        .invoke(incident -> incident.requireOpen("given recovery actions"));
  }
}
