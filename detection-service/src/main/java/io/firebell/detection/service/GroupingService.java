package io.firebell.detection.service;

import io.firebell.contracts.FirebellEvent;
import io.firebell.contracts.detection.AlertGroupUpdated;
import io.firebell.contracts.detection.AlertReceived;
import io.firebell.contracts.detection.DeclarationRequested;
import io.firebell.detection.config.DetectionConfig;
import io.firebell.detection.model.AlertGroup;
import io.firebell.detection.model.AlertRow;
import io.firebell.detection.model.AlertStatus;
import io.firebell.detection.oncall.PagingService;
import io.firebell.detection.repository.AlertGroupRepository;
import io.firebell.detection.repository.AlertRowRepository;
import io.firebell.detection.routing.RouteCache;
import io.firebell.platform.outbox.Outbox;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Turns alerts into alert groups, a consumer batch at a time inside the consumer's transaction. It
 * loads the batch's groups and alert rows, hands each alert to its group ({@link AlertGroup#apply},
 * which takes every decision: flap window, re-fire, resolve, severity), and writes the rows and the
 * events the groups return. The natural keys make it idempotent beyond the inbox: a re-sent alert
 * (same dedup key) is the same {@code alert} row, the partial unique index on the active group of a
 * route key refuses a second group, and the batch's groups are locked while it runs (ADR 0101, ADR
 * 0104).
 */
@ApplicationScoped
public class GroupingService {

  private final AlertGroupRepository groups;
  private final AlertRowRepository alerts;
  private final PagingService paging;
  private final RouteCache routes;
  private final Outbox outbox;
  private final DetectionConfig config;
  private final Clock clock;

  public GroupingService(
      AlertGroupRepository groups,
      AlertRowRepository alerts,
      PagingService paging,
      RouteCache routes,
      Outbox outbox,
      DetectionConfig config,
      Clock clock) {
    this.groups = groups;
    this.alerts = alerts;
    this.paging = paging;
    this.routes = routes;
    this.outbox = outbox;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Applies a batch of alerts of any route keys, in order, inside the caller's transaction, with a
   * fixed number of queries whatever its size: one for the batch's groups (active, or resolved
   * within the flap window; locked {@code FOR UPDATE} so that a second instance handling the same
   * route key during a rebalance waits for this one), one for their known alerts with the batch's
   * dedup keys, and bulk inserts and updates at flush. Re-sends of one alert are folded in memory
   * (one row update, whatever the number of copies) and events are coalesced: at most one {@code
   * alerts_added} update per group per batch.
   */
  @WithSpan("GroupingService.applyBatch")
  public Uni<Void> applyBatch(List<AlertReceived> batch) {
    return applyBatch(batch, a -> null);
  }

  /**
   * Applies a batch as {@link #applyBatch(List)} does; the events of a group an alert opens
   * continue that alert's trace ({@code traces}: an alert's trace context, or null), so that one
   * incident is one trace from ingest on (ADR 0140).
   */
  @WithSpan("GroupingService.applyBatch")
  public Uni<Void> applyBatch(List<AlertReceived> batch, Function<AlertReceived, Context> traces) {
    if (batch.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Run run = new Run(clock.instant(), traces);
    return run.load(batch)
        .invoke(
            () -> {
              for (AlertReceived a : batch) {
                if (AlertStatus.fromWire(a.status()) == AlertStatus.FIRING) {
                  run.fire(a);
                } else {
                  run.settle(a);
                }
              }
            })
        .chain(run::finish);
  }

  /** The groups of one route key while a batch is applied. */
  private static final class KeyState {
    /** The key's current group: active at load, opened or re-opened by the batch. */
    AlertGroup group;

    /** The key's most recently resolved group within the flap window, at load. */
    AlertGroup recent;

    /** The key had an active group in the database when the batch started. */
    boolean activeAtLoad;
  }

  /** One batch: everything it read, everything it changes, the events it causes. */
  private final class Run {
    final Instant now;
    final Map<String, KeyState> keys = new HashMap<>();
    final Map<UUID, AlertGroup> groupsById = new HashMap<>();
    final Map<UUID, Map<String, AlertRow>> alertsByGroup = new HashMap<>();
    final Map<String, List<AlertRow>> alertsByDedupKey = new HashMap<>();
    final Set<AlertGroup> current = new LinkedHashSet<>();
    final List<AlertGroup> newGroups = new ArrayList<>();
    final List<AlertRow> newAlerts = new ArrayList<>();
    final List<AlertReceived> unmatched = new ArrayList<>();
    final List<FirebellEvent> events = new ArrayList<>();
    final Function<AlertReceived, Context> traces;
    final Map<String, Context> tracesByGroup = new HashMap<>(4);
    boolean flushBeforeInserts;

    Run(Instant now, Function<AlertReceived, Context> traces) {
      this.now = now;
      this.traces = traces;
    }

    Uni<Void> load(List<AlertReceived> batch) {
      Set<String> routeKeys = new LinkedHashSet<>();
      Map<String, Set<String>> dedupKeysByRoute = new HashMap<>();
      for (AlertReceived a : batch) {
        routeKeys.add(a.routeKey());
        dedupKeysByRoute
            .computeIfAbsent(a.routeKey(), k -> new LinkedHashSet<>())
            .add(a.dedupKey());
        keys.computeIfAbsent(a.routeKey(), k -> new KeyState());
      }
      return groups
          .find(
              "routeKey in ?1 and (resolvedAt is null or resolvedAt >= ?2)",
              Sort.ascending("routeKey", "id"),
              routeKeys,
              now.minus(config.flapWindow()))
          .withLock(LockModeType.PESSIMISTIC_WRITE)
          .list()
          .chain(
              found -> {
                for (AlertGroup g : found) {
                  KeyState ks = keys.get(g.getRouteKey());
                  register(g);
                  if (g.getResolvedAt() == null) {
                    ks.group = g;
                    ks.activeAtLoad = true;
                    current.add(g);
                  } else if (ks.recent == null
                      || g.getResolvedAt().isAfter(ks.recent.getResolvedAt())) {
                    ks.recent = g;
                  }
                }
                if (found.isEmpty()) {
                  return Uni.createFrom().voidItem();
                }
                // Each group is probed only for the dedup keys of its own route key.
                List<UUID> pairGroups = new ArrayList<>();
                List<String> pairKeys = new ArrayList<>();
                for (AlertGroup g : found) {
                  for (String dedupKey : dedupKeysByRoute.get(g.getRouteKey())) {
                    pairGroups.add(g.getId());
                    pairKeys.add(dedupKey);
                  }
                }
                return alerts
                    .findPairs(pairGroups, pairKeys)
                    .invoke(list -> list.forEach(this::register))
                    .replaceWithVoid();
              });
    }

    void register(AlertGroup g) {
      groupsById.put(g.getId(), g);
      alertsByGroup.computeIfAbsent(g.getId(), id -> new HashMap<>());
    }

    void register(AlertRow alert) {
      alertsByGroup.get(alert.getAlertGroupId()).put(alert.getDedupKey(), alert);
      alertsByDedupKey.computeIfAbsent(alert.getDedupKey(), k -> new ArrayList<>(1)).add(alert);
    }

    /** A firing alert goes to its route key's latest group, which decides (AlertGroup.apply). */
    void fire(AlertReceived a) {
      KeyState ks = keys.get(a.routeKey());
      AlertGroup latest = ks.group != null ? ks.group : ks.recent;
      AlertGroup.Applied applied =
          latest == null
              ? AlertGroup.start(a, now)
              : latest.apply(
                  a, alertsByGroup.get(latest.getId()).get(a.dedupKey()), config.flapWindow(), now);
      AlertGroup group = applied.group();
      if (group != latest) {
        register(group);
        newGroups.add(group);
        Context trace = traces.apply(a);
        if (trace != null) {
          tracesByGroup.put(group.getId().toString(), trace);
        }
        // The key's group still active in the database would refuse the new one (one active
        // group per route key) unless its resolution is written first.
        flushBeforeInserts |= ks.activeAtLoad;
      }
      ks.group = group;
      current.add(group);
      if (applied.newAlert() != null) {
        register(applied.newAlert());
        newAlerts.add(applied.newAlert());
      }
      events.addAll(applied.events());
    }

    /**
     * A resolve or acknowledge: of the route key's active group, else of any active group that has
     * the alert (a PagerDuty resolve/acknowledge without a payload routes differently from its
     * trigger), looked up in this batch first and in the database at the end.
     */
    void settle(AlertReceived a) {
      AlertGroup group = keys.get(a.routeKey()).group;
      AlertRow alert =
          group != null && group.getResolvedAt() == null
              ? alertsByGroup.get(group.getId()).get(a.dedupKey())
              : null;
      if (alert != null) {
        settle(group, alert, a);
        return;
      }
      for (AlertRow candidate : alertsByDedupKey.getOrDefault(a.dedupKey(), List.of())) {
        AlertGroup other = groupsById.get(candidate.getAlertGroupId());
        if (other.getResolvedAt() == null && candidate.getSourceKind().equals(a.sourceKind())) {
          settle(other, candidate, a);
          return;
        }
      }
      unmatched.add(a);
    }

    void settle(AlertGroup group, AlertRow alert, AlertReceived a) {
      events.addAll(group.apply(a, alert, config.flapWindow(), now).events());
    }

    /**
     * Settles the alerts whose group this batch did not load. Those groups are not touched by
     * anything else in the batch (a loaded group's alerts with the batch's dedup keys are all in
     * memory), so doing it last changes no outcome.
     */
    Uni<Void> settleUnmatched() {
      if (unmatched.isEmpty()) {
        return Uni.createFrom().voidItem();
      }
      Set<String> dedupKeys = new LinkedHashSet<>();
      unmatched.forEach(a -> dedupKeys.add(a.dedupKey()));
      return alerts
          .activeGroupsWith(dedupKeys)
          .chain(
              ids -> {
                Set<UUID> others = new LinkedHashSet<>(ids);
                others.removeAll(groupsById.keySet());
                if (others.isEmpty()) {
                  return Uni.createFrom().voidItem();
                }
                return groups
                    .find("id in ?1", Sort.ascending("id"), others)
                    .withLock(LockModeType.PESSIMISTIC_WRITE)
                    .list()
                    .invoke(list -> list.forEach(this::register))
                    .chain(() -> alerts.find(others, dedupKeys))
                    .invoke(
                        rows -> {
                          rows.forEach(this::register);
                          for (AlertReceived a : unmatched) {
                            for (AlertRow candidate : rows) {
                              AlertGroup g = groupsById.get(candidate.getAlertGroupId());
                              if (candidate.getDedupKey().equals(a.dedupKey())
                                  && candidate.getSourceKind().equals(a.sourceKind())
                                  && g.getResolvedAt() == null) {
                                settle(g, candidate, a);
                                break;
                              }
                            }
                            // else: resolved before it ever fired here
                          }
                        })
                    .replaceWithVoid();
              });
    }

    List<AlertRow> updatedAlerts() {
      List<AlertRow> updated = new ArrayList<>();
      alertsByGroup
          .values()
          .forEach(m -> m.values().stream().filter(AlertRow::toUpdate).forEach(updated::add));
      return updated;
    }

    /** Writes the batch: new groups and alerts in bulk, pages, declarations, then the events. */
    Uni<Void> finish() {
      for (KeyState ks : keys.values()) {
        AlertGroupUpdated owed = ks.group == null ? null : ks.group.takeUpdate(now);
        if (owed != null) {
          events.add(owed);
        }
      }
      return settleUnmatched()
          .chain(
              () ->
                  flushBeforeInserts
                      ? Panache.getSession().chain(Mutiny.Session::flush)
                      : Uni.createFrom().voidItem())
          .chain(() -> newGroups.isEmpty() ? none() : groups.persist(newGroups))
          // The rows refer to the new groups: those are written first.
          .chain(() -> Panache.getSession().chain(Mutiny.Session::flush))
          .chain(() -> alerts.insert(newAlerts))
          .chain(() -> alerts.update(updatedAlerts()))
          .chain(() -> each(current, g -> triageByRoute(g, now, events)))
          .chain(() -> each(events, e -> outbox.append(e, tracesByGroup.get(e.aggregateId()))));
    }
  }

  private static Uni<Void> none() {
    return Uni.createFrom().voidItem();
  }

  /** Runs {@code step} for each item, one after the other (iteratively: no deep Uni chains). */
  private static <T> Uni<Void> each(Iterable<T> items, Function<T, Uni<Void>> step) {
    return Multi.createFrom()
        .iterable(asList(items))
        .onItem()
        .transformToUniAndConcatenate(step::apply)
        .onItem()
        .ignoreAsUni();
  }

  private static <T> List<T> asList(Iterable<T> items) {
    List<T> list = new ArrayList<>();
    items.forEach(list::add);
    return list;
  }

  /** Pages and auto-declares as the group's route says, once each (AlertGroup decides). */
  private Uni<Void> triageByRoute(AlertGroup group, Instant now, List<FirebellEvent> events) {
    return routes
        .find(group.getRouteId())
        .chain(
            route -> {
              DeclarationRequested declared = group.autoDeclare(route, now);
              if (declared != null) {
                events.add(declared);
              }
              return group.toPage(route) ? paging.pageGroup(group, now).replaceWithVoid() : none();
            });
  }
}
