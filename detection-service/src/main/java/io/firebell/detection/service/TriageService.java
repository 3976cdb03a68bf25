package io.firebell.detection.service;

import io.firebell.contracts.FirebellEvent;
import io.firebell.detection.model.Alert;
import io.firebell.detection.model.AlertGroup;
import io.firebell.detection.model.AlertGroupStatus;
import io.firebell.detection.repository.AlertGroupRepository;
import io.firebell.detection.repository.AlertRepository;
import io.firebell.platform.outbox.Outbox;
import io.firebell.platform.problem.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The on-call's decisions about an alert group, and the queries behind the alert-group API. */
@ApplicationScoped
public class TriageService {

  private final AlertGroupRepository groups;
  private final AlertRepository alerts;
  private final Outbox outbox;
  private final Clock clock;

  public TriageService(
      AlertGroupRepository groups, AlertRepository alerts, Outbox outbox, Clock clock) {
    this.groups = groups;
    this.alerts = alerts;
    this.outbox = outbox;
    this.clock = clock;
  }

  public record Filter(AlertGroupStatus status, String domain, String service, String kind) {}

  /** A page of groups, newest first; {@code after} is the cursor (opened_at|id of the last). */
  @WithSession
  public Uni<List<AlertGroup>> list(Filter f, Instant afterOpenedAt, UUID afterId, int limit) {
    StringBuilder q = new StringBuilder("1 = 1");
    Parameters p = new Parameters();
    if (f.status() != null) {
      q.append(" and status = :status");
      p.and("status", f.status());
    }
    if (f.domain() != null) {
      q.append(" and domain = :domain");
      p.and("domain", f.domain());
    }
    if (f.service() != null) {
      q.append(" and service = :service");
      p.and("service", f.service());
    }
    if (f.kind() != null) {
      q.append(" and kind = :kind");
      p.and("kind", f.kind());
    }
    if (afterOpenedAt != null) {
      q.append(" and (openedAt < :at or (openedAt = :at and id < :id))");
      p.and("at", afterOpenedAt).and("id", afterId);
    }
    return groups.find(q.toString(), Sort.descending("openedAt", "id"), p).page(0, limit).list();
  }

  /**
   * A group, the tally of all its alerts, and its alerts: all of them, or the first few in triage
   * order.
   */
  public record Detail(AlertGroup group, AlertRepository.Tally tally, List<Alert> alerts) {}

  /**
   * The group with its alerts: all of them, first received first, when {@code first} is null; else
   * at most {@code first}, firing first and most re-sent first ({@link
   * AlertRepository#firstOfGroup}). The tally counts every alert either way.
   */
  @WithSession
  public Uni<Detail> get(UUID id, Integer first) {
    return groups
        .findById(id)
        .chain(
            g -> {
              if (g == null) {
                return Uni.createFrom().failure(ProblemException.notFound("alert group", id));
              }
              if (first == null) {
                // Every alert is read anyway: count them here rather than ask again.
                return alerts
                    .ofGroup(id)
                    .map(all -> new Detail(g, AlertRepository.Tally.of(all), all));
              }
              return alerts
                  .tally(id)
                  .chain(
                      tally ->
                          alerts.firstOfGroup(id, first).map(list -> new Detail(g, tally, list)));
            });
  }

  @WithTransaction
  @WithSpan("TriageService.acknowledge")
  public Uni<AlertGroup> acknowledge(UUID id, String by) {
    Instant now = Instant.now(clock);
    return change(id, g -> single(g.acknowledge(by, now)));
  }

  @WithTransaction
  @WithSpan("TriageService.declare")
  public Uni<AlertGroup> declare(UUID id, String title, String severity, String by) {
    Instant now = Instant.now(clock);
    return change(id, g -> single(g.declare(title, severity, false, by, now)));
  }

  @WithTransaction
  @WithSpan("TriageService.dismiss")
  public Uni<AlertGroup> dismiss(UUID id, String reason, String by) {
    Instant now = Instant.now(clock);
    return change(id, g -> single(g.dismiss(reason, by, now)));
  }

  /** Inside the inbox transaction. */
  @WithSpan("TriageService.linkIncident")
  public Uni<Void> linkIncident(UUID groupId, UUID incidentId) {
    return groups
        .findById(groupId)
        .chain(
            g -> {
              Instant now = Instant.now(clock);
              if (g == null || !g.linkIncident(incidentId, now)) {
                return Uni.createFrom().voidItem();
              }
              return outbox.append(g.updated(AlertGroup.UpdateReason.INCIDENT_LINKED, now));
            });
  }

  private Uni<AlertGroup> change(
      UUID id, java.util.function.Function<AlertGroup, List<FirebellEvent>> action) {
    return groups
        .findById(id)
        .chain(
            g -> {
              if (g == null) {
                return Uni.createFrom().failure(ProblemException.notFound("alert group", id));
              }
              List<FirebellEvent> events = action.apply(g);
              return outbox.appendAll(events).replaceWith(g);
            });
  }

  private static List<FirebellEvent> single(FirebellEvent event) {
    List<FirebellEvent> events = new ArrayList<>();
    if (event != null) {
      events.add(event);
    }
    return events;
  }
}
