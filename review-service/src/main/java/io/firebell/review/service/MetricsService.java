package io.firebell.review.service;

import io.firebell.review.model.ActionItem;
import io.firebell.review.model.DetectionSignal;
import io.firebell.review.model.IncidentFact;
import io.firebell.review.model.RecurrenceLink;
import io.firebell.review.model.ReportCorrection;
import io.firebell.review.repository.ActionItemRepository;
import io.firebell.review.repository.DetectionSignalRepository;
import io.firebell.review.repository.IncidentFactRepository;
import io.firebell.review.repository.RecurrenceLinkRepository;
import io.firebell.review.repository.ReportCorrectionRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the reports say in aggregate: how fast incidents are detected, acknowledged and resolved,
 * who found them first, where they happen and whether they recur.
 */
@ApplicationScoped
public class MetricsService {

  public static final List<String> GROUP_BY =
      List.of(
          "service",
          "domain",
          "component",
          "detection_method",
          "severity",
          "kind",
          "partner",
          "week");
  static final Set<String> FOUND_BY_CUSTOMERS = Set.of("cs_inquiry");
  static final Set<String> FOUND_BY_PARTNERS = Set.of("partner_report");

  private final IncidentFactRepository facts;
  private final ReportCorrectionRepository corrections;
  private final RecurrenceLinkRepository links;
  private final ActionItemRepository actionItems;
  private final DetectionSignalRepository signals;
  private final Clock clock;

  public MetricsService(
      IncidentFactRepository facts,
      ReportCorrectionRepository corrections,
      RecurrenceLinkRepository links,
      ActionItemRepository actionItems,
      DetectionSignalRepository signals,
      Clock clock) {
    this.facts = facts;
    this.corrections = corrections;
    this.links = links;
    this.actionItems = actionItems;
    this.signals = signals;
    this.clock = clock;
  }

  /** Seconds between two facts over a set of incidents; null figures when there is no pair. */
  public record Durations(int n, Long p50, Long p90, Long mean) {}

  public record Group(
      String key,
      int count,
      Durations mttd,
      Durations mtta,
      Durations mttr,
      double foundByCustomersShare,
      double foundByPartnersShare,
      double recurrenceRate) {}

  public record Summary(
      Instant from,
      Instant to,
      String groupBy,
      Group total,
      List<Group> groups,
      double actionItemCompletionRate,
      long overdueActionItems,
      Map<String, Durations> mttdByDetectionMethod) {}

  /** One incident's facts with reviewers' corrections applied. */
  public record Row(
      UUID id,
      List<String> services,
      List<String> domains,
      String component,
      String detectionMethod,
      String severity,
      String kind,
      String partner,
      Instant occurred,
      Instant detected,
      Instant acknowledged,
      Instant resolved,
      String reference,
      String title,
      Instant declared,
      Instant mitigated) {

    /**
     * When customers were affected: from occurrence (else detection, else declaration) to
     * mitigation (else resolution, else {@code now} for an incident still open).
     */
    public Instant impactStart() {
      return occurred != null ? occurred : detected != null ? detected : declared;
    }

    public Instant impactEnd(Instant now) {
      Instant end = mitigated != null ? mitigated : resolved != null ? resolved : now;
      return end.isBefore(impactStart()) ? impactStart() : end;
    }
  }

  @WithSession
  @WithSpan("MetricsService.summary")
  public Uni<Summary> summary(Instant from, Instant to, String groupBy) {
    return facts
        .listReadOnly("declaredAt >= ?1 and declaredAt < ?2", from, to)
        .chain(
            found -> {
              List<UUID> ids = found.stream().map(IncidentFact::getIncidentId).toList();
              if (ids.isEmpty()) {
                return Uni.createFrom()
                    .item(
                        new Summary(
                            from,
                            to,
                            groupBy,
                            group("all", List.of(), Set.of()),
                            List.of(),
                            0,
                            0,
                            Map.of()));
              }
              return rows(found, ids)
                  .chain(
                      rows ->
                          links
                              .list("incidentId in ?1", ids)
                              .chain(
                                  recurring ->
                                      actionItems
                                          .list("incidentId in ?1", ids)
                                          .map(
                                              items ->
                                                  summarize(
                                                      from, to, groupBy, rows, recurring, items))));
            });
  }

  private Summary summarize(
      Instant from,
      Instant to,
      String groupBy,
      List<Row> rows,
      List<RecurrenceLink> recurring,
      List<ActionItem> items) {
    Set<UUID> recurred = new HashSet<>();
    recurring.forEach(l -> recurred.add(l.getIncidentId()));
    List<Group> groups = new ArrayList<>();
    if (groupBy != null) {
      Map<String, List<Row>> byKey = new TreeMap<>();
      for (Row r : rows) {
        for (String key : keys(r, groupBy)) {
          byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
      }
      byKey.forEach((key, members) -> groups.add(group(key, members, recurred)));
      if (!groupBy.equals("week")) {
        // Weeks stay in calendar order (the keys are ISO dates); other groups largest first.
        groups.sort((a, b) -> Integer.compare(b.count(), a.count()));
      }
    }
    List<ActionItem> live = items.stream().filter(i -> !"cancelled".equals(i.getStatus())).toList();
    double completion =
        live.isEmpty()
            ? 0
            : (double) live.stream().filter(i -> "done".equals(i.getStatus())).count()
                / live.size();
    Instant now = clock.instant();
    long overdue = items.stream().filter(i -> i.isOverdue(now)).count();
    Map<String, List<Row>> byMethod = new TreeMap<>();
    rows.forEach(r -> byMethod.computeIfAbsent(r.detectionMethod(), k -> new ArrayList<>()).add(r));
    Map<String, Durations> mttdByMethod = new LinkedHashMap<>();
    byMethod.forEach((m, rs) -> mttdByMethod.put(m, durations(rs, Row::occurred, Row::detected)));
    return new Summary(
        from, to, groupBy, group("all", rows, recurred), groups, completion, overdue, mttdByMethod);
  }

  private static List<String> keys(Row r, String groupBy) {
    return switch (groupBy) {
      case "service" -> r.services().isEmpty() ? List.of("unknown") : r.services();
      case "domain" -> r.domains().isEmpty() ? List.of("unknown") : r.domains();
      case "component" -> List.of(r.component() == null ? "unknown" : r.component());
      case "detection_method" -> List.of(r.detectionMethod());
      case "kind" -> List.of(r.kind());
      case "partner" -> List.of(r.partner() == null ? "none" : r.partner());
      case "week" -> List.of(week(r.occurred() != null ? r.occurred() : r.detected()));
      default -> List.of(r.severity());
    };
  }

  /** The Monday (UTC) of the week an incident occurred in, as the dashboard's weeks count. */
  static String week(Instant at) {
    return at == null
        ? "unknown"
        : at.atZone(java.time.ZoneOffset.UTC)
            .toLocalDate()
            .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
            .toString();
  }

  static Group group(String key, List<Row> rows, Set<UUID> recurred) {
    int n = rows.size();
    double customers =
        n == 0
            ? 0
            : (double)
                    rows.stream()
                        .filter(r -> FOUND_BY_CUSTOMERS.contains(r.detectionMethod()))
                        .count()
                / n;
    double partners =
        n == 0
            ? 0
            : (double)
                    rows.stream()
                        .filter(r -> FOUND_BY_PARTNERS.contains(r.detectionMethod()))
                        .count()
                / n;
    double recurrence =
        n == 0 ? 0 : (double) rows.stream().filter(r -> recurred.contains(r.id())).count() / n;
    return new Group(
        key,
        n,
        durations(rows, Row::occurred, Row::detected),
        durations(rows, Row::detected, Row::acknowledged),
        durations(rows, Row::occurred, Row::resolved),
        customers,
        partners,
        recurrence);
  }

  public static Durations durations(
      List<Row> rows, Function<Row, Instant> start, Function<Row, Instant> end) {
    List<Long> seconds = new ArrayList<>();
    for (Row r : rows) {
      Instant a = start.apply(r);
      Instant b = end.apply(r);
      if (a != null && b != null && !b.isBefore(a)) {
        seconds.add(b.getEpochSecond() - a.getEpochSecond());
      }
    }
    if (seconds.isEmpty()) {
      return new Durations(0, null, null, null);
    }
    seconds.sort(Long::compare);
    long sum = seconds.stream().mapToLong(Long::longValue).sum();
    return new Durations(
        seconds.size(),
        rank(seconds, 0.5),
        rank(seconds, 0.9),
        Math.round((double) sum / seconds.size()));
  }

  /** Nearest-rank percentile: exact seconds of a real incident, never an interpolation. */
  static long rank(List<Long> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  /** The incidents declared in [from, to), with corrections applied, for the dashboard. */
  @WithSession
  public Uni<List<Row>> rowsBetween(Instant from, Instant to) {
    return facts.listReadOnly("declaredAt >= ?1 and declaredAt < ?2", from, to).chain(this::rowsOf);
  }

  /**
   * The incidents whose impact may overlap [from, to): declared before {@code to} and not resolved
   * before {@code from}, with corrections applied.
   */
  @WithSession
  public Uni<List<Row>> rowsOverlapping(Instant from, Instant to) {
    return facts
        .listReadOnly("declaredAt < ?1 and (resolvedAt is null or resolvedAt >= ?2)", to, from)
        .chain(this::rowsOf);
  }

  /** The rows of {@code found}, with corrections applied. */
  private Uni<List<Row>> rowsOf(List<IncidentFact> found) {
    List<UUID> ids = found.stream().map(IncidentFact::getIncidentId).toList();
    if (ids.isEmpty()) {
      return Uni.createFrom().item(List.<Row>of());
    }
    return rows(found, ids);
  }

  /** The facts with reviewers' corrections and the detection signal (kind, partner) applied. */
  private Uni<List<Row>> rows(List<IncidentFact> found, List<UUID> ids) {
    List<UUID> groups =
        found.stream().map(IncidentFact::getAlertGroupId).filter(Objects::nonNull).toList();
    Uni<List<DetectionSignal>> known =
        groups.isEmpty()
            ? Uni.createFrom().item(List.of())
            : signals.list("alertGroupId in ?1", groups);
    return corrections
        .list("incidentId in ?1 order by correctedAt, id", ids)
        .chain(
            fixes ->
                known.map(
                    s -> {
                      Map<UUID, DetectionSignal> byGroup = new HashMap<>();
                      s.forEach(signal -> byGroup.put(signal.getAlertGroupId(), signal));
                      return rows(found, fixes, byGroup);
                    }));
  }

  /**
   * The kind of signal an incident came from: the detection signal's when it was declared from an
   * alert group, else what its detection method says (the method follows the kind).
   */
  static String kindOf(String detectionMethod) {
    return switch (detectionMethod == null ? "" : detectionMethod) {
      case "system_alarm" -> "system";
      case "business_metric" -> "business";
      case "external_integration", "partner_report" -> "external_integration";
      case "cs_inquiry" -> "cs_inquiry";
      default -> "manual";
    };
  }

  private static List<Row> rows(
      List<IncidentFact> found,
      List<ReportCorrection> fixes,
      Map<UUID, DetectionSignal> signalByGroup) {
    Map<UUID, Map<String, String>> byIncident = new HashMap<>();
    for (ReportCorrection c : fixes) {
      byIncident
          .computeIfAbsent(c.getIncidentId(), k -> new HashMap<>())
          .put(c.getField(), c.getValue());
    }
    List<Row> rows = new ArrayList<>();
    for (IncidentFact f : found) {
      Map<String, String> fixed = byIncident.getOrDefault(f.getIncidentId(), Map.of());
      rows.add(
          new Row(
              f.getIncidentId(),
              f.getServices(),
              f.getDomains(),
              fixed.getOrDefault("component", f.getComponent()),
              fixed.getOrDefault("detectionMethod", f.getDetectionMethod()),
              fixed.getOrDefault("severity", f.getSeverity()),
              signalOf(signalByGroup, f) == null
                  ? kindOf(fixed.getOrDefault("detectionMethod", f.getDetectionMethod()))
                  : signalOf(signalByGroup, f).getKind(),
              partnerOf(signalOf(signalByGroup, f), f),
              time(fixed, "occurredAt", f.getOccurredAt()),
              time(fixed, "detectedAt", f.getDetectedAt()),
              time(fixed, "acknowledgedAt", f.getAcknowledgedAt()),
              time(fixed, "resolvedAt", f.getResolvedAt()),
              f.getReference(),
              f.getTitle(),
              f.getDeclaredAt(),
              time(fixed, "mitigatedAt", f.getMitigatedAt())));
    }
    return rows;
  }

  /**
   * The partner that failed: the detection signal's (an external-integration alarm) or, for a
   * partner report declared by hand, the one the incident names.
   */
  private static String partnerOf(DetectionSignal signal, IncidentFact f) {
    return signal != null && signal.getPartner() != null ? signal.getPartner() : f.getPartner();
  }

  private static DetectionSignal signalOf(Map<UUID, DetectionSignal> byGroup, IncidentFact f) {
    return f.getAlertGroupId() == null ? null : byGroup.get(f.getAlertGroupId());
  }

  private static Instant time(Map<String, String> fixed, String field, Instant fromEvents) {
    String v = fixed.get(field);
    return v == null ? fromEvents : Instant.parse(v);
  }
}
