package io.firebell.review.service;

import io.firebell.review.config.ReviewConfig;
import io.firebell.review.model.ActionItem;
import io.firebell.review.repository.ActionItemRepository;
import io.firebell.review.service.MetricsService.Durations;
import io.firebell.review.service.MetricsService.Row;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the data should teach: how available each service was, which incidents monitoring missed
 * (detection lagged, or customers found them first), and the weak spots where incidents gather and
 * recur.
 */
@ApplicationScoped
public class LearningService {

  public static final List<String> WEAK_SPOT_BY = List.of("service", "component");
  public static final List<String> RANK_BY = List.of("incidents", "customer_minutes", "recurrence");

  private final MetricsService metrics;
  private final ActionItemRepository actionItems;
  private final ReviewConfig config;
  private final Clock clock;

  public LearningService(
      MetricsService metrics, ActionItemRepository actionItems, ReviewConfig config, Clock clock) {
    this.metrics = metrics;
    this.actionItems = actionItems;
    this.config = config;
    this.clock = clock;
  }

  /**
   * One service over a period.
   *
   * @param impactSeconds the union of its incidents' impact windows inside the period (overlapping
   *     incidents count once)
   * @param availability 1 - impactSeconds / the period's seconds
   */
  public record ServiceHealth(
      String service,
      int incidents,
      long impactSeconds,
      double availability,
      Durations mttd,
      Durations mtta,
      Durations mttr) {}

  /** Availability per service from its incidents' impact windows, beside MTTD/MTTA/MTTR. */
  @WithSession
  @WithSpan("LearningService.availability")
  public Uni<List<ServiceHealth>> availability(Instant from, Instant to) {
    Instant now = clock.instant();
    return metrics
        .rowsOverlapping(from, to)
        .map(
            rows -> {
              long period = Duration.between(from, to).toSeconds();
              List<ServiceHealth> out = new ArrayList<>();
              group(rows, Row::services)
                  .forEach(
                      (service, members) -> {
                        long down = downtime(members, from, to, now);
                        out.add(
                            new ServiceHealth(
                                service,
                                members.size(),
                                down,
                                period == 0 ? 1 : 1 - (double) down / period,
                                MetricsService.durations(members, Row::occurred, Row::detected),
                                MetricsService.durations(members, Row::detected, Row::acknowledged),
                                MetricsService.durations(members, Row::occurred, Row::resolved)));
                      });
              out.sort(
                  Comparator.comparingDouble(ServiceHealth::availability)
                      .thenComparing(ServiceHealth::service));
              return out;
            });
  }

  /** The seconds of [from, to) in which at least one of the incidents affected customers. */
  static long downtime(List<Row> rows, Instant from, Instant to, Instant now) {
    List<Instant[]> windows = new ArrayList<>();
    for (Row r : rows) {
      Instant start = max(r.impactStart(), from);
      Instant end = min(r.impactEnd(now), to);
      if (end.isAfter(start)) {
        windows.add(new Instant[] {start, end});
      }
    }
    windows.sort(Comparator.comparing(w -> w[0]));
    long total = 0;
    Instant start = null;
    Instant end = null;
    for (Instant[] w : windows) {
      if (end == null || w[0].isAfter(end)) {
        if (end != null) {
          total += Duration.between(start, end).toSeconds();
        }
        start = w[0];
        end = w[1];
      } else if (w[1].isAfter(end)) {
        end = w[1];
      }
    }
    if (end != null) {
      total += Duration.between(start, end).toSeconds();
    }
    return total;
  }

  /** What an action item that closes a detection gap would say. */
  public record SuggestedActionItem(String title, String kind, String horizon) {}

  /**
   * An incident monitoring did not catch in time.
   *
   * @param lagSeconds detected - occurred, or null when either is unknown
   * @param reasons {@code detection_lag} (over the threshold) and/or {@code found_by_customers}
   * @param monitoringActionItems the incident's action items of kind monitoring_alerting so far
   */
  public record DetectionGap(
      UUID incidentId,
      String reference,
      String title,
      List<String> services,
      String component,
      String detectionMethod,
      Instant occurredAt,
      Instant detectedAt,
      Long lagSeconds,
      List<String> reasons,
      SuggestedActionItem suggestedActionItem,
      int monitoringActionItems) {}

  /**
   * Incidents declared in [from, to) whose detection lagged occurrence by more than {@code
   * threshold} (default {@code firebell.review.detection-lag-threshold}) or that customers found
   * first, newest first.
   */
  @WithSession
  @WithSpan("LearningService.detectionGaps")
  public Uni<List<DetectionGap>> detectionGaps(Instant from, Instant to, Duration threshold) {
    Duration limit = threshold != null ? threshold : config.detectionLagThreshold();
    return metrics
        .rowsBetween(from, to)
        .chain(
            rows -> {
              List<Row> flagged = rows.stream().filter(r -> flagged(r, limit)).toList();
              return itemsOf(flagged)
                  .map(
                      items ->
                          flagged.stream()
                              .sorted(
                                  Comparator.comparing(Row::declared)
                                      .reversed()
                                      .thenComparing(r -> r.id().toString()))
                              .map(r -> gap(r, limit, items))
                              .toList());
            });
  }

  private static DetectionGap gap(Row r, Duration limit, List<ActionItem> items) {
    Flag flag =
        flag(r.services(), r.component(), r.detectionMethod(), r.occurred(), r.detected(), limit);
    int monitoring =
        (int)
            items.stream()
                .filter(i -> i.getIncidentId().equals(r.id()))
                .filter(i -> "monitoring_alerting".equals(i.getKind()))
                .count();
    return new DetectionGap(
        r.id(),
        r.reference(),
        r.title(),
        r.services(),
        r.component(),
        r.detectionMethod(),
        r.occurred(),
        r.detected(),
        flag.lagSeconds(),
        flag.reasons(),
        flag.suggestedActionItem(),
        monitoring);
  }

  /**
   * Why monitoring missed an incident, and the action item that would close the gap.
   *
   * @param lagSeconds detected - occurred, or null when either is unknown
   * @param reasons {@code detection_lag} and/or {@code found_by_customers}
   */
  public record Flag(
      Long lagSeconds, List<String> reasons, SuggestedActionItem suggestedActionItem) {}

  /**
   * The flag of an incident whose detection lagged occurrence by more than {@code limit} or that
   * customers found first; null when monitoring caught it in time.
   */
  public static Flag flag(
      List<String> services,
      String component,
      String detectionMethod,
      Instant occurred,
      Instant detected,
      Duration limit) {
    Long lag =
        occurred == null || detected == null || detected.isBefore(occurred)
            ? null
            : Duration.between(occurred, detected).toSeconds();
    List<String> reasons = new ArrayList<>();
    List<String> why = new ArrayList<>();
    if (lag != null && lag > limit.toSeconds()) {
      reasons.add("detection_lag");
      why.add("detection lagged occurrence by " + Math.round(lag / 60.0) + " min");
    }
    if (MetricsService.FOUND_BY_CUSTOMERS.contains(detectionMethod)) {
      reasons.add("found_by_customers");
      why.add("customers found it first");
    }
    if (reasons.isEmpty()) {
      return null;
    }
    String where =
        component != null
            ? component + (services.isEmpty() ? "" : " (" + join(services) + ")")
            : services.isEmpty() ? "the affected service" : join(services);
    return new Flag(
        lag,
        reasons,
        new SuggestedActionItem(
            "Add monitoring for " + where + ": " + String.join(", ", why),
            "monitoring_alerting",
            "short"));
  }

  private static boolean flagged(Row r, Duration limit) {
    return flag(r.services(), r.component(), r.detectionMethod(), r.occurred(), r.detected(), limit)
        != null;
  }

  /** An earlier incident on a weak spot and what was done about it. */
  public record EarlierIncident(
      UUID incidentId,
      String reference,
      String title,
      Instant occurredAt,
      List<ActionItem> openActionItems,
      List<ActionItem> closedActionItems) {}

  /**
   * A service or component where incidents gather.
   *
   * @param customerMinutes the incidents' impact windows summed, in minutes
   * @param recurrences how many of its incidents repeated an earlier one in the period (count - 1)
   * @param earlierIncidents every incident but the latest, oldest first, with their open and closed
   *     (done or cancelled) action items
   */
  public record WeakSpot(
      String key,
      int incidents,
      long customerMinutes,
      int recurrences,
      List<EarlierIncident> earlierIncidents) {}

  /** Services or components ranked by incident count, customer minutes or recurrence. */
  @WithSession
  @WithSpan("LearningService.weakSpots")
  public Uni<List<WeakSpot>> weakSpots(
      Instant from, Instant to, String by, String rankBy, int limit) {
    Instant now = clock.instant();
    Function<Row, List<String>> keys =
        "component".equals(by)
            ? r -> r.component() == null ? List.of() : List.of(r.component())
            : Row::services;
    return metrics
        .rowsBetween(from, to)
        .chain(
            rows ->
                itemsOf(rows)
                    .map(
                        items -> {
                          List<WeakSpot> spots = new ArrayList<>();
                          group(rows, keys)
                              .forEach((key, members) -> spots.add(spot(key, members, items, now)));
                          spots.sort(rank(rankBy));
                          return spots.stream().limit(limit).toList();
                        }));
  }

  private static WeakSpot spot(String key, List<Row> members, List<ActionItem> items, Instant now) {
    List<Row> ordered =
        members.stream()
            .sorted(Comparator.comparing(Row::impactStart).thenComparing(r -> r.id().toString()))
            .toList();
    long seconds = 0;
    for (Row r : ordered) {
      seconds += Duration.between(r.impactStart(), r.impactEnd(now)).toSeconds();
    }
    List<EarlierIncident> earlier = new ArrayList<>();
    for (Row r : ordered.subList(0, ordered.size() - 1)) {
      List<ActionItem> own = items.stream().filter(i -> i.getIncidentId().equals(r.id())).toList();
      earlier.add(
          new EarlierIncident(
              r.id(),
              r.reference(),
              r.title(),
              r.impactStart(),
              own.stream().filter(ActionItem::isOpen).toList(),
              own.stream().filter(i -> !i.isOpen()).toList()));
    }
    return new WeakSpot(
        key, ordered.size(), Math.round(seconds / 60.0), ordered.size() - 1, earlier);
  }

  private static Comparator<WeakSpot> rank(String rankBy) {
    Comparator<WeakSpot> incidents = Comparator.comparingInt(WeakSpot::incidents);
    Comparator<WeakSpot> minutes = Comparator.comparingLong(WeakSpot::customerMinutes);
    Comparator<WeakSpot> recurrence = Comparator.comparingInt(WeakSpot::recurrences);
    Comparator<WeakSpot> order =
        switch (rankBy == null ? "incidents" : rankBy) {
          case "customer_minutes" -> minutes.thenComparing(incidents).thenComparing(recurrence);
          case "recurrence" -> recurrence.thenComparing(incidents).thenComparing(minutes);
          default -> incidents.thenComparing(minutes).thenComparing(recurrence);
        };
    return order.reversed().thenComparing(WeakSpot::key);
  }

  private Uni<List<ActionItem>> itemsOf(List<Row> rows) {
    List<UUID> ids = rows.stream().map(Row::id).toList();
    return ids.isEmpty()
        ? Uni.createFrom().item(List.of())
        : actionItems.list("incidentId in ?1", Sort.by("createdAt").and("id"), ids);
  }

  private static Map<String, List<Row>> group(List<Row> rows, Function<Row, List<String>> keys) {
    Map<String, List<Row>> by = new TreeMap<>();
    for (Row r : rows) {
      for (String k : keys.apply(r)) {
        by.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
      }
    }
    return by;
  }

  private static String join(List<String> values) {
    return String.join(", ", values);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
