package io.firebell.detection.service;

import io.firebell.contracts.FirebellEvent;
import io.firebell.contracts.detection.AlertReceived;
import io.firebell.contracts.detection.DeclarationRequested;
import io.firebell.contracts.detection.InquiryClusterOpened;
import io.firebell.detection.config.DetectionConfig;
import io.firebell.detection.model.Alert;
import io.firebell.detection.model.AlertGroup;
import io.firebell.detection.repository.AlertGroupRepository;
import io.firebell.detection.repository.AlertRepository;
import io.firebell.detection.routing.RouteCache;
import io.firebell.detection.routing.RouteTable;
import io.firebell.detection.routing.Severity;
import io.firebell.platform.outbox.Outbox;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns alerts into alert groups, inside the consumer's transaction. The natural keys make it
 * idempotent beyond the inbox: a re-sent alert (same dedup key) is the same {@code alert} row, and
 * the partial unique index on the active group of a route key refuses a second group.
 */
@ApplicationScoped
public class GroupingService {

  private final AlertGroupRepository groups;
  private final AlertRepository alerts;
  private final PagingService paging;
  private final RouteCache routes;
  private final Outbox outbox;
  private final DetectionConfig config;

  public GroupingService(
      AlertGroupRepository groups,
      AlertRepository alerts,
      PagingService paging,
      RouteCache routes,
      Outbox outbox,
      DetectionConfig config) {
    this.groups = groups;
    this.alerts = alerts;
    this.paging = paging;
    this.routes = routes;
    this.outbox = outbox;
    this.config = config;
  }

  /** Applies one alert; call inside a transaction (the inbox's). */
  public Uni<Void> apply(AlertReceived a) {
    return applyAll(a.routeKey(), List.of(a));
  }

  /**
   * Applies the alerts of one route key, in order, inside the caller's transaction. The active
   * group and the known alerts are loaded once, re-sends are folded in memory (one UPDATE per alert
   * row at flush, whatever the number of copies), and events are coalesced: at most one {@code
   * alerts_added} update per group per batch.
   */
  public Uni<Void> applyAll(String routeKey, List<AlertReceived> batch) {
    Instant now = Instant.now();
    Batch b = new Batch(routeKey, now);
    Uni<Void> chain = activeGroup(routeKey).chain(g -> b.use(g));
    for (AlertReceived a : batch) {
      chain = chain.chain(() -> "firing".equals(a.status()) ? b.fire(a) : b.settle(a));
    }
    return chain.chain(b::finish);
  }

  /** The state of one route key while a batch is applied. */
  private final class Batch {
    final String routeKey;
    final Instant now;
    final List<FirebellEvent> events = new ArrayList<>();
    final Map<String, Alert> known = new java.util.HashMap<>();
    AlertGroup group;
    boolean added;
    boolean rose;

    Batch(String routeKey, Instant now) {
      this.routeKey = routeKey;
      this.now = now;
    }

    /** Makes {@code g} the current group and loads its alerts (once per group). */
    Uni<Void> use(AlertGroup g) {
      group = g;
      known.clear();
      if (g == null) {
        return Uni.createFrom().voidItem();
      }
      return alerts
          .list("alertGroupId", g.getId())
          .invoke(list -> list.forEach(al -> known.put(al.getDedupKey(), al)))
          .replaceWithVoid();
    }

    Uni<Void> fire(AlertReceived a) {
      Uni<Void> ready = Uni.createFrom().voidItem();
      if (group == null || group.getResolvedAt() != null) {
        AlertGroup resolved = group;
        ready =
            (resolved != null
                    ? Uni.createFrom().item(resolved)
                    : groups
                        .find(
                            "routeKey = ?1 and resolvedAt is not null",
                            Sort.descending("resolvedAt"),
                            routeKey)
                        .firstResult())
                .chain(
                    recent -> {
                      if (recent != null && recent.withinFlapWindow(now, config.flapWindow())) {
                        events.add(recent.reopen(a, now));
                        return recent == resolved ? Uni.createFrom().voidItem() : use(recent);
                      }
                      flushAddedUpdate();
                      AlertGroup opened = AlertGroup.open(a, now);
                      return groups.persist(opened).chain(() -> use(opened));
                    });
      }
      return ready
          .invoke(
              () -> {
                Alert existing = known.get(a.dedupKey());
                rose |= group.raiseSeverity(a.severity()) && group.getAlertCount() > 0;
                if (existing == null) {
                  boolean first = group.getAlertCount() == 0;
                  group.alertAdded(a);
                  Alert alert = Alert.first(group.getId(), a);
                  known.put(a.dedupKey(), alert);
                  pendingInserts.add(alert);
                  if (first) {
                    events.add(group.opened());
                    if (AlertReceivedKinds.isInquiryCluster(a)) {
                      events.add(inquiryClusterOpened(a, group, now));
                    }
                  } else {
                    added = true;
                  }
                } else {
                  String previous = existing.update(a);
                  if ("resolved".equals(previous) && "firing".equals(existing.getStatus())) {
                    group.alertRefired(a);
                    added = true;
                  } else {
                    group.alertRepeated(a);
                  }
                }
              })
          .chain(this::persistPending);
    }

    final List<Alert> pendingInserts = new ArrayList<>();

    Uni<Void> persistPending() {
      if (pendingInserts.isEmpty()) {
        return Uni.createFrom().voidItem();
      }
      List<Alert> inserts = List.copyOf(pendingInserts);
      pendingInserts.clear();
      return alerts.persist(inserts.stream()).replaceWithVoid();
    }

    /** A resolve or acknowledge: of this route key's group, else found by dedup key (PagerDuty). */
    Uni<Void> settle(AlertReceived a) {
      Alert alert = group != null && group.getResolvedAt() == null ? known.get(a.dedupKey()) : null;
      if (alert != null) {
        GroupingService.settle(group, alert, a, events);
        return Uni.createFrom().voidItem();
      }
      return resolveOrAcknowledge(a, now);
    }

    void flushAddedUpdate() {
      if (group != null && (added || rose) && group.getResolvedAt() == null) {
        events.add(group.updated(added ? "alerts_added" : "severity_changed", now));
      }
      added = false;
      rose = false;
    }

    Uni<Void> finish() {
      flushAddedUpdate();
      Uni<Void> triage =
          group == null ? Uni.createFrom().voidItem() : triageByRoute(group, now, events);
      return triage.chain(() -> outbox.appendAll(events));
    }
  }

  private static void settle(
      AlertGroup group, Alert alert, AlertReceived a, List<FirebellEvent> events) {
    Instant now = Instant.now();
    if ("acknowledged".equals(a.status())) {
      alert.update(a);
      if (AlertGroup.OPEN.equals(group.getStatus()) && group.getResolvedAt() == null) {
        events.add(group.acknowledge("integration:" + a.sourceKind(), now));
      }
      return;
    }
    String previous = alert.update(a);
    if ("firing".equals(previous) && "resolved".equals(alert.getStatus())) {
      boolean resolved = group.alertResolved(a.endsAt() != null ? a.endsAt() : now);
      events.add(resolved ? group.resolved() : group.updated("alert_resolved", now));
    }
  }

  /** Pages and auto-declares as the group's route says, once each. */
  private Uni<Void> triageByRoute(AlertGroup group, Instant now, List<FirebellEvent> events) {
    RouteTable.Compiled route = route(group.getRouteId());
    if (route == null || AlertGroup.DISMISSED.equals(group.getStatus())) {
      return Uni.createFrom().voidItem();
    }
    Uni<Void> chain = Uni.createFrom().voidItem();
    if (route.autoDeclare() && group.getDeclaredAt() == null) {
      DeclarationRequested declared = group.declare(null, null, true, null, now);
      if (declared != null) {
        events.add(declared);
      }
    }
    Severity severity = Severity.fromWire(group.getSeverity());
    if (route.page()
        && group.getPagedAt() == null
        && AlertGroup.OPEN.equals(group.getStatus())
        && severity.atLeast(route.pageMinSeverity())) {
      chain = paging.pageGroup(group, now).replaceWithVoid();
    }
    return chain;
  }

  private RouteTable.Compiled route(UUID id) {
    for (RouteTable.Compiled r : routes.table().routes()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    return null;
  }

  private Uni<Void> resolveOrAcknowledge(AlertReceived a, Instant now) {
    // The alert of this route key's active group; a PagerDuty resolve/acknowledge without a payload
    // routes differently from its trigger, so it is also looked up by its dedup key alone.
    return alerts
        .find(
            "select a from Alert a, AlertGroup g where g.id = a.alertGroupId and g.routeKey = ?1"
                + " and g.resolvedAt is null and a.dedupKey = ?2",
            a.routeKey(),
            a.dedupKey())
        .firstResult()
        .chain(
            found ->
                found != null
                    ? Uni.createFrom().item(found)
                    : alerts
                        .find(
                            "select a from Alert a, AlertGroup g where g.id = a.alertGroupId"
                                + " and g.resolvedAt is null and a.dedupKey = ?1"
                                + " and a.sourceKind = ?2",
                            a.dedupKey(),
                            a.sourceKind())
                        .firstResult())
        .chain(
            alert -> {
              if (alert == null) {
                return Uni.createFrom().voidItem(); // resolved before it ever fired here
              }
              return groups
                  .findById(alert.getAlertGroupId())
                  .chain(
                      group -> {
                        List<FirebellEvent> events = new ArrayList<>();
                        settle(group, alert, a, events);
                        return outbox.appendAll(events);
                      });
            });
  }

  private Uni<AlertGroup> activeGroup(String routeKey) {
    return groups.find("routeKey = ?1 and resolvedAt is null", routeKey).firstResult();
  }

  private static InquiryClusterOpened inquiryClusterOpened(
      AlertReceived a, AlertGroup group, Instant now) {
    Map<String, Object> d = a.details();
    @SuppressWarnings("unchecked")
    List<String> ids = (List<String>) d.getOrDefault("inquiryIds", List.of());
    @SuppressWarnings("unchecked")
    List<String> channels = (List<String>) d.getOrDefault("channels", List.of());
    return new InquiryClusterOpened(
        UUID.fromString(a.dedupKey()),
        group.getId(),
        group.getDomain(),
        (String) d.get("service"),
        (String) d.get("category"),
        (String) d.get("appPlatform"),
        (String) d.get("appVersion"),
        (String) d.get("matchedOn"),
        ((Number) d.getOrDefault("inquiryCount", ids.size())).intValue(),
        ids.stream().map(UUID::fromString).toList(),
        channels,
        a.summary(),
        d.get("firstInquiryAt") == null
            ? a.startsAt()
            : Instant.parse((String) d.get("firstInquiryAt")),
        now);
  }

  /** Which alerts stand for something other than a monitoring alarm. */
  static final class AlertReceivedKinds {
    static boolean isInquiryCluster(AlertReceived a) {
      return "cs_inquiry".equals(a.sourceKind());
    }

    private AlertReceivedKinds() {}
  }
}
