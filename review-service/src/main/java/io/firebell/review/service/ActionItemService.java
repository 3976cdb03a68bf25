package io.firebell.review.service;

import io.firebell.contracts.review.ActionItemOverdue;
import io.firebell.platform.outbox.Outbox;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.firebell.review.config.ReviewConfig;
import io.firebell.review.model.ActionItem;
import io.firebell.review.repository.ActionItemRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Prevention measures and the watch on their due dates. */
@ApplicationScoped
public class ActionItemService {

  private final ActionItemRepository items;
  private final ReportService reports;
  private final Outbox outbox;
  private final ReviewConfig config;
  private final Clock clock;

  public ActionItemService(
      ActionItemRepository items,
      ReportService reports,
      Outbox outbox,
      ReviewConfig config,
      Clock clock) {
    this.items = items;
    this.reports = reports;
    this.outbox = outbox;
    this.config = config;
    this.clock = clock;
  }

  /**
   * A new action item; without a due date it gets its horizon's default. A stop-gap may name the
   * root-cause fix that must follow (an existing action item).
   */
  public record NewItem(
      String title,
      String kind,
      String horizon,
      String owner,
      Instant dueAt,
      boolean stopGap,
      UUID rootFixId) {}

  @WithTransaction
  @WithSpan("ActionItemService.create")
  public Uni<ActionItem> create(UUID incidentId, NewItem n, SecurityIdentity who) {
    return reports
        .editable(incidentId, who)
        .call(() -> rootFix(null, n.rootFixId()))
        .chain(
            b -> {
              Instant now = clock.instant();
              Instant due = n.dueAt() != null ? n.dueAt() : now.plus(defaultDue(n.horizon()));
              ActionItem.Created created =
                  ActionItem.create(
                      incidentId,
                      n.title(),
                      n.kind(),
                      n.horizon(),
                      n.owner(),
                      due,
                      n.stopGap(),
                      n.rootFixId(),
                      who.getPrincipal().getName(),
                      now);
              return items
                  .persist(created.item())
                  .chain(() -> outbox.append(created.event()))
                  .replaceWith(created.item());
            });
  }

  /** Changes to an item; its owner, a reviewer or the incident's commander may make them. */
  public record Changes(
      String title,
      String kind,
      String horizon,
      String owner,
      Instant dueAt,
      String status,
      Boolean stopGap,
      UUID rootFixId) {}

  @WithTransaction
  @WithSpan("ActionItemService.update")
  public Uni<ActionItem> update(UUID id, Changes c, SecurityIdentity who, Long expectedVersion) {
    return items
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("action item", id))
        .chain(
            item -> {
              if (expectedVersion != null && expectedVersion != item.getRowVersion()) {
                throw ProblemException.preconditionFailed(
                    "the action item changed since you read it (version "
                        + item.getRowVersion()
                        + ")");
              }
              String name = who.getPrincipal().getName();
              Uni<Void> allowed =
                  who.hasRole(Roles.REVIEWER) || name.equals(item.getOwner())
                      ? Uni.createFrom().voidItem()
                      : reports.editable(item.getIncidentId(), who).replaceWithVoid();
              if (Boolean.FALSE.equals(c.stopGap()) && c.rootFixId() != null) {
                throw ProblemException.invalid(
                    "rootFixId", "only a stop-gap has a root fix; leave stopGap out or true");
              }
              return allowed
                  .call(() -> rootFix(item.getId(), c.rootFixId()))
                  .invoke(
                      () -> {
                        item.update(
                            c.title(),
                            c.kind(),
                            c.horizon(),
                            c.owner(),
                            c.dueAt(),
                            c.status(),
                            clock.instant());
                        item.stopGap(c.stopGap(), c.rootFixId(), clock.instant());
                      })
                  .chain(() -> items.flush())
                  .replaceWith(item);
            });
  }

  @WithSession
  public Uni<ActionItem> get(UUID id) {
    return items
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("action item", id));
  }

  @WithSession
  public Uni<List<ActionItem>> list(Boolean overdue, String owner, UUID incidentId, int limit) {
    List<String> where = new ArrayList<>();
    Parameters params = new Parameters();
    if (owner != null) {
      where.add("owner = :owner");
      params.and("owner", owner);
    }
    if (incidentId != null) {
      where.add("incidentId = :incidentId");
      params.and("incidentId", incidentId);
    }
    if (overdue != null) {
      where.add(
          overdue
              ? "status not in ('done', 'cancelled') and dueAt < :now"
              : "(status in ('done', 'cancelled') or dueAt >= :now)");
      params.and("now", clock.instant());
    }
    String query =
        where.isEmpty()
            ? "from ActionItem"
            : "from ActionItem where " + String.join(" and ", where);
    return items.find(query, Sort.by("dueAt").and("id"), params).page(0, limit).list();
  }

  /** A stop-gap with its root-cause fix (null when none is linked yet). */
  public record StopGap(ActionItem stopGap, ActionItem rootFix) {

    /** Whether the root-cause fix that must follow the stop-gap is done. */
    public boolean rootFixDone() {
      return rootFix != null && rootFix.isDone();
    }
  }

  /**
   * Stop-gaps, oldest first; {@code pending} keeps those still in effect (not cancelled) whose root
   * fix is missing or not done.
   */
  @WithSession
  @WithSpan("ActionItemService.stopGaps")
  public Uni<List<StopGap>> stopGaps(boolean pending, int limit) {
    return items
        .find("stopGap = true", Sort.by("createdAt").and("id"))
        .list()
        .chain(
            gaps -> {
              List<UUID> fixIds =
                  gaps.stream().map(ActionItem::getRootFixId).filter(Objects::nonNull).toList();
              Uni<List<ActionItem>> fixes =
                  fixIds.isEmpty()
                      ? Uni.createFrom().item(List.of())
                      : items.list("id in ?1", fixIds);
              return fixes.map(
                  found -> {
                    Map<UUID, ActionItem> byId = new HashMap<>();
                    found.forEach(f -> byId.put(f.getId(), f));
                    return gaps.stream()
                        .map(g -> new StopGap(g, byId.get(g.getRootFixId())))
                        .filter(
                            s ->
                                !pending
                                    || !"cancelled".equals(s.stopGap().getStatus())
                                        && !s.rootFixDone())
                        .limit(limit)
                        .toList();
                  });
            });
  }

  /**
   * The root-cause fix a stop-gap names must be another action item that is not a stop-gap itself
   * (422 otherwise; 404 when it does not exist).
   */
  private Uni<Void> rootFix(UUID stopGapId, UUID rootFixId) {
    if (rootFixId == null) {
      return Uni.createFrom().voidItem();
    }
    if (rootFixId.equals(stopGapId)) {
      throw ProblemException.invalid("rootFixId", "a stop-gap cannot be its own root fix");
    }
    return items
        .findById(rootFixId)
        .invoke(
            fix -> {
              if (fix == null) {
                throw ProblemException.invalid("rootFixId", "no action item " + rootFixId);
              }
              if (fix.isStopGap()) {
                throw ProblemException.invalid(
                    "rootFixId",
                    "names a stop-gap; the root fix is the item that removes the cause");
              }
            })
        .replaceWithVoid();
  }

  /** Publishes {@code action-item.overdue} once for every open item past its due date. */
  @WithTransaction
  @WithSpan("ActionItemService.announceOverdue")
  public Uni<Integer> announceOverdue() {
    Instant now = clock.instant();
    return items
        .list(
            "status not in ('done', 'cancelled') and dueAt < ?1 and overdueNotifiedAt is null", now)
        .chain(
            due -> {
              List<ActionItemOverdue> events =
                  due.stream().map(i -> i.overdue(now)).filter(Objects::nonNull).toList();
              return outbox.appendAll(events).replaceWith(events.size());
            });
  }

  private Duration defaultDue(String horizon) {
    return switch (horizon) {
      case "short" -> config.shortTermDue();
      case "mid" -> config.midTermDue();
      default -> config.longTermDue();
    };
  }
}
