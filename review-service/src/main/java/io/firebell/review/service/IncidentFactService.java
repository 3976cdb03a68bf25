package io.firebell.review.service;

import io.firebell.contracts.broadcast.DeliveryExhausted;
import io.firebell.contracts.broadcast.DeliveryFailed;
import io.firebell.contracts.broadcast.DeliverySucceeded;
import io.firebell.contracts.broadcast.UpdatePublished;
import io.firebell.contracts.incident.IncidentActionRecorded;
import io.firebell.contracts.incident.IncidentClosed;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.contracts.incident.IncidentParticipantJoined;
import io.firebell.contracts.incident.IncidentResolved;
import io.firebell.contracts.incident.IncidentRoleAssigned;
import io.firebell.contracts.incident.IncidentStatusChanged;
import io.firebell.contracts.incident.IncidentUpdated;
import io.firebell.platform.problem.ProblemException;
import io.firebell.review.model.IncidentFact;
import io.firebell.review.model.TimelineEntry;
import io.firebell.review.repository.IncidentFactRepository;
import io.firebell.review.repository.TimelineEntryRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The incident facts and the merged timeline review-service keeps, written only by event consumers
 * (each method runs inside the consumer's inbox transaction).
 */
@ApplicationScoped
public class IncidentFactService {

  private final IncidentFactRepository facts;
  private final TimelineEntryRepository timeline;
  private final ReportService reports;
  private final RecurrenceService recurrences;
  private final Clock clock;

  public IncidentFactService(
      IncidentFactRepository facts,
      TimelineEntryRepository timeline,
      ReportService reports,
      RecurrenceService recurrences,
      Clock clock) {
    this.facts = facts;
    this.timeline = timeline;
    this.reports = reports;
    this.recurrences = recurrences;
    this.clock = clock;
  }

  @WithSpan("IncidentFactService.declared")
  public Uni<Void> declared(UUID eventId, IncidentDeclared e, String partner) {
    Uni<Void> fact =
        facts
            .findById(e.incidentId())
            .chain(
                existing -> {
                  if (existing != null) {
                    return Uni.createFrom().voidItem();
                  }
                  IncidentFact declared = IncidentFact.declared(e, clock.instant());
                  declared.partner(partner);
                  return facts.persist(declared).replaceWithVoid();
                });
    String summary =
        String.format(
            "Declared %s %s \"%s\" (detected by %s)",
            e.severity(), e.reference(), e.title(), e.detectionMethod().replace('_', ' '));
    return fact.chain(
            () ->
                entry(
                    eventId,
                    e.incidentId(),
                    e.declaredAt(),
                    "incident",
                    "declared",
                    summary,
                    e.declaredBy()))
        .chain(() -> facts.flush())
        .chain(() -> recurrences.check(e.incidentId()));
  }

  @WithSpan("IncidentFactService.updated")
  public Uni<Void> updated(UUID eventId, IncidentUpdated e, String partner) {
    String summary =
        "Updated " + String.join(", ", e.changes().keySet().stream().sorted().toList());
    return onFact(
            e.incidentId(),
            f -> {
              f.updated(e, clock.instant());
              f.partner(partner);
            })
        .chain(
            () ->
                entry(
                    eventId,
                    e.incidentId(),
                    e.updatedAt(),
                    "incident",
                    "updated",
                    summary,
                    e.actor()));
  }

  @WithSpan("IncidentFactService.statusChanged")
  public Uni<Void> statusChanged(UUID eventId, IncidentStatusChanged e) {
    StringBuilder summary =
        new StringBuilder("Status ").append(e.from()).append(" → ").append(e.to());
    if (e.recoveryMethod() != null) {
      summary.append(" (recovery: ").append(e.recoveryMethod()).append(')');
    }
    if (e.note() != null && !e.note().isBlank()) {
      summary.append(": ").append(e.note());
    }
    return onFact(e.incidentId(), f -> f.statusChanged(e, clock.instant()))
        .chain(
            () ->
                entry(
                    eventId,
                    e.incidentId(),
                    e.changedAt(),
                    "incident",
                    "status_changed",
                    summary.toString(),
                    e.actor()));
  }

  @WithSpan("IncidentFactService.roleAssigned")
  public Uni<Void> roleAssigned(UUID eventId, IncidentRoleAssigned e) {
    StringBuilder summary =
        new StringBuilder(e.role().replace('_', ' ')).append(": ").append(e.person());
    if (e.previousPerson() != null) {
      summary.append(" (was ").append(e.previousPerson()).append(')');
    }
    if (e.overrideBy() != null) {
      summary
          .append(", role separation overridden by ")
          .append(e.overrideBy())
          .append(": ")
          .append(e.overrideReason());
    }
    return onFact(e.incidentId(), f -> f.roleAssigned(e, clock.instant()))
        .chain(
            () ->
                entry(
                    eventId,
                    e.incidentId(),
                    e.assignedAt(),
                    "incident",
                    "role_assigned",
                    summary.toString(),
                    e.assignedBy()));
  }

  @WithSpan("IncidentFactService.participantJoined")
  public Uni<Void> participantJoined(UUID eventId, IncidentParticipantJoined e) {
    return entry(
        eventId,
        e.incidentId(),
        e.joinedAt(),
        "incident",
        "participant_joined",
        e.person() + " joined" + (e.team() == null ? "" : " (" + e.team() + ")"),
        e.person());
  }

  @WithSpan("IncidentFactService.actionRecorded")
  public Uni<Void> actionRecorded(UUID eventId, IncidentActionRecorded e) {
    String summary =
        "Recovery action "
            + e.kind().replace('_', ' ')
            + " "
            + e.status().replace('_', ' ')
            + (e.summary() == null ? "" : ": " + e.summary());
    return entry(
        eventId, e.incidentId(), e.recordedAt(), "incident", "action_recorded", summary, e.actor());
  }

  @WithSpan("IncidentFactService.resolved")
  public Uni<Void> resolved(UUID eventId, IncidentResolved e, String partner) {
    String summary =
        "Resolved"
            + (e.recoveryMethods().isEmpty()
                ? ""
                : " (recovery: " + String.join(", ", e.recoveryMethods()) + ")");
    return onFact(
            e.incidentId(),
            f -> {
              f.resolved(e, clock.instant());
              f.partner(partner);
            })
        .chain(
            () ->
                entry(
                    eventId,
                    e.incidentId(),
                    e.resolvedAt(),
                    "incident",
                    "resolved",
                    summary,
                    e.actor()))
        .chain(() -> facts.findById(e.incidentId()))
        .chain(reports::draftFor)
        .chain(() -> facts.flush())
        .chain(() -> recurrences.check(e.incidentId()));
  }

  @WithSpan("IncidentFactService.closed")
  public Uni<Void> closed(UUID eventId, IncidentClosed e) {
    return onFact(e.incidentId(), f -> f.closed(e, clock.instant()))
        .chain(
            () ->
                entry(
                    eventId,
                    e.incidentId(),
                    e.closedAt(),
                    "incident",
                    "closed",
                    "Closed",
                    e.actor()));
  }

  @WithSpan("IncidentFactService.updatePublished")
  public Uni<Void> updatePublished(UUID eventId, UpdatePublished e) {
    StringBuilder summary =
        new StringBuilder("Update published to ")
            .append(String.join(", ", e.audiences()))
            .append(": ")
            .append(e.status());
    if (e.expectedRecoveryAt() != null) {
      summary.append(", expected recovery ").append(e.expectedRecoveryAt());
    } else if (e.nextUpdateAt() != null) {
      summary.append(", recovery time unknown, next update ").append(e.nextUpdateAt());
    }
    return entry(
        eventId,
        e.incidentId(),
        e.publishedAt(),
        "broadcast",
        "update_published",
        summary.toString(),
        e.author());
  }

  @WithSpan("IncidentFactService.deliveryFailed")
  public Uni<Void> deliveryFailed(UUID eventId, DeliveryFailed e) {
    String summary =
        String.format(
            "Delivery of the %s to %s (%s) failed, attempt %d%s",
            e.messageKind().replace('_', ' '),
            e.endpointName(),
            e.audience(),
            e.attempt(),
            e.httpStatus() == null ? ": " + e.error() : ": HTTP " + e.httpStatus());
    return entry(
        eventId, e.incidentId(), e.failedAt(), "broadcast", "delivery_failed", summary, null);
  }

  /**
   * An announcement or update reached an audience: the audience is one of the incident's affected
   * stakeholders. A shared report (report_share) goes to the engineering org after the fact and
   * does not count.
   */
  @WithSpan("IncidentFactService.deliverySucceeded")
  public Uni<Void> deliverySucceeded(DeliverySucceeded e) {
    if ("report_share".equals(e.messageKind()) || e.audience() == null) {
      return Uni.createFrom().voidItem();
    }
    return reports.stakeholderReached(e.incidentId(), e.audience(), e.deliveredAt());
  }

  @WithSpan("IncidentFactService.deliveryExhausted")
  public Uni<Void> deliveryExhausted(UUID eventId, DeliveryExhausted e) {
    String summary =
        String.format(
            "Delivery of the %s to %s (%s) given up after %d attempts",
            e.messageKind().replace('_', ' '), e.endpointName(), e.audience(), e.attempt());
    return entry(
        eventId, e.incidentId(), e.exhaustedAt(), "broadcast", "delivery_exhausted", summary, null);
  }

  @WithSession
  public Uni<IncidentFact> get(UUID id) {
    return facts
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("incident", id));
  }

  @WithSession
  public Uni<List<IncidentFact>> latest(int limit) {
    return facts.find("order by declaredAt desc, incidentId").page(0, limit).list();
  }

  private Uni<Void> onFact(UUID incidentId, Consumer<IncidentFact> change) {
    // A fact that does not exist yet cannot change; its own declaration creates it.
    return facts
        .findById(incidentId)
        .invoke(
            f -> {
              if (f != null) {
                change.accept(f);
              }
            })
        .replaceWithVoid();
  }

  private Uni<Void> entry(
      UUID eventId,
      UUID incidentId,
      Instant at,
      String source,
      String kind,
      String summary,
      String actor) {
    return timeline
        .persist(
            new TimelineEntry(
                eventId,
                incidentId,
                at != null ? at : clock.instant(),
                source,
                kind,
                summary,
                actor))
        .replaceWithVoid();
  }
}
