package io.firebell.detection.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A business-metric watch: a metric of a domain's service, where its values come from, its seasonal
 * baseline (the median of the same time of day in the previous N weeks, given a minimum history)
 * and its rules (a drop below X % of the baseline, a spike above Y %, each for K evaluations in a
 * row). {@link #evaluate} holds the rules: it takes what the source said and returns the alerts
 * that start or stop (ADR 0120).
 */
@Entity
@Table(name = "metric_watch")
public class MetricWatch {

  public static final String PROMETHEUS = "prometheus";
  public static final String PUSHED = "pushed";
  public static final List<String> SOURCES = List.of(PROMETHEUS, PUSHED);

  /** The most weeks a baseline looks back; pushed samples are kept one week longer. */
  public static final int MAX_BASELINE_WEEKS = 12;

  @Id private UUID id;
  private String name;
  private String metric;
  private String domain;
  private String service;
  private String source;

  @Column(name = "prometheus_url")
  private String prometheusUrl;

  private String query;

  @Column(name = "interval_seconds")
  private int intervalSeconds;

  @Column(name = "baseline_weeks")
  private int baselineWeeks;

  @Column(name = "min_history_weeks")
  private int minHistoryWeeks;

  @Column(name = "drop_below_percent")
  private Double dropBelowPercent;

  @Column(name = "drop_consecutive")
  private Integer dropConsecutive;

  @Column(name = "spike_above_percent")
  private Double spikeAbovePercent;

  @Column(name = "spike_consecutive")
  private Integer spikeConsecutive;

  private String severity;
  private boolean enabled;
  private String firing;

  @Column(name = "drop_streak")
  private int dropStreak;

  @Column(name = "spike_streak")
  private int spikeStreak;

  private boolean blind;

  @Column(name = "blind_reason")
  private String blindReason;

  @Column(name = "breaching_since")
  private Instant breachingSince;

  @Column(name = "next_evaluation_at")
  private Instant nextEvaluationAt;

  @Column(name = "last_evaluated_at")
  private Instant lastEvaluatedAt;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected MetricWatch() {}

  /** A rule: below (drop) or above (spike) this percentage of the baseline, K times in a row. */
  public record Rule(double percent, int consecutive) {}

  /** The editable part of a watch, already validated. */
  public record Definition(
      String name,
      String metric,
      String domain,
      String service,
      String source,
      String prometheusUrl,
      String query,
      Duration interval,
      int baselineWeeks,
      int minHistoryWeeks,
      Rule drop,
      Rule spike,
      String severity,
      boolean enabled) {}

  /**
   * What the source said as of an instant: the value then, the values at the same instant 1…N weeks
   * earlier (null where there was none), or why it could not be read (the watch is blind).
   */
  public record Reading(Double observed, List<Double> history, String blindReason) {
    public static Reading blind(String reason) {
      return new Reading(null, List.of(), reason);
    }
  }

  /** The alerts of a watch: its two rules and its blindness. */
  public enum AlertKind {
    DROP,
    SPIKE,
    BLIND;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** An alert of this watch that starts firing or resolves. */
  public record Change(AlertKind alert, boolean firing) {
    @Override
    public String toString() {
      return alert.wire() + (firing ? " fired" : " resolved");
    }
  }

  /**
   * What one evaluation decided. {@code outcome}: {@code ok}, {@code breaching} (a rule is broken,
   * fewer times in a row than it asks), {@code drop} or {@code spike} (that rule's alert fires),
   * {@code insufficient_history} (fewer weeks of history than the minimum: no rule is applied) or
   * {@code blind} (the source could not be read).
   */
  public record Assessment(
      String outcome, Double baseline, Double ratioPercent, Instant since, List<Change> changes) {}

  public static MetricWatch create(Definition d, String by, Instant now) {
    MetricWatch w = new MetricWatch();
    w.id = UUID.randomUUID();
    w.createdAt = now;
    w.createdBy = by;
    w.apply(d, now);
    w.nextEvaluationAt = now.plus(d.interval());
    return w;
  }

  /** Replaces the definition; the evaluation state (streaks, firing alerts) carries on. */
  public void apply(Definition d, Instant now) {
    name = d.name();
    metric = d.metric();
    domain = d.domain();
    service = d.service();
    source = d.source();
    prometheusUrl = d.prometheusUrl();
    query = d.query();
    intervalSeconds = (int) d.interval().toSeconds();
    baselineWeeks = d.baselineWeeks();
    minHistoryWeeks = d.minHistoryWeeks();
    dropBelowPercent = d.drop() == null ? null : d.drop().percent();
    dropConsecutive = d.drop() == null ? null : d.drop().consecutive();
    spikeAbovePercent = d.spike() == null ? null : d.spike().percent();
    spikeConsecutive = d.spike() == null ? null : d.spike().consecutive();
    severity = d.severity();
    enabled = d.enabled();
    updatedAt = now;
    if (d.drop() == null && AlertKind.DROP.wire().equals(firing)
        || d.spike() == null && AlertKind.SPIKE.wire().equals(firing)) {
      // The rule is gone: its alert must not fire forever. The caller resolves it.
      firing = null;
    }
  }

  /** Whether the definition changes what this watch's alerts are labelled with. */
  public boolean relabelledBy(Definition d) {
    return !(name.equals(d.name())
        && metric.equals(d.metric())
        && domain.equals(d.domain())
        && service.equals(d.service())
        && severity.equals(d.severity()));
  }

  /** Forgets the runs and the firing alerts (their resolution is the caller's). */
  public void startOver() {
    firing = null;
    blind = false;
    blindReason = null;
    dropStreak = 0;
    spikeStreak = 0;
    breachingSince = null;
  }

  /** The alerts that fire now (the ones to resolve when the watch goes away). */
  public List<AlertKind> firingAlerts() {
    List<AlertKind> alerts = new ArrayList<>(2);
    if (firing != null) {
      alerts.add(AlertKind.valueOf(firing.toUpperCase(java.util.Locale.ROOT)));
    }
    if (blind) {
      alerts.add(AlertKind.BLIND);
    }
    return alerts;
  }

  /**
   * Applies one evaluation as of {@code asOf}: the seasonal baseline from the reading's history,
   * each rule's streak, and the alerts that start or stop. A blind reading fires the blind alert
   * and leaves the rules as they were (nothing was seen); the first reading after it resolves it.
   * With less history than the minimum no rule is applied and the streaks restart, but a firing
   * rule keeps firing: nothing says the metric recovered.
   */
  public Assessment evaluate(Reading reading, Instant asOf) {
    List<Change> changes = new ArrayList<>(2);
    lastEvaluatedAt = asOf;
    if (reading.blindReason() != null) {
      if (!blind) {
        changes.add(new Change(AlertKind.BLIND, true));
      }
      blind = true;
      blindReason = reading.blindReason();
      return new Assessment("blind", null, null, breachingSince, changes);
    }
    if (blind) {
      changes.add(new Change(AlertKind.BLIND, false));
    }
    blind = false;
    blindReason = null;
    Double baseline = SeasonalBaseline.median(reading.history(), minHistoryWeeks);
    if (baseline == null || baseline <= 0) {
      dropStreak = 0;
      spikeStreak = 0;
      breachingSince = null;
      return new Assessment("insufficient_history", baseline, null, null, changes);
    }
    double ratio = reading.observed() / baseline * 100;
    boolean dropNow = dropBelowPercent != null && ratio < dropBelowPercent;
    boolean spikeNow = spikeAbovePercent != null && ratio > spikeAbovePercent;
    if ((dropNow || spikeNow) && dropStreak == 0 && spikeStreak == 0) {
      breachingSince = asOf;
    }
    dropStreak = dropNow ? dropStreak + 1 : 0;
    spikeStreak = spikeNow ? spikeStreak + 1 : 0;
    if (!dropNow && !spikeNow) {
      breachingSince = null;
    }
    AlertKind breached =
        dropNow && dropStreak >= dropConsecutive
            ? AlertKind.DROP
            : spikeNow && spikeStreak >= spikeConsecutive ? AlertKind.SPIKE : null;
    AlertKind wasFiring =
        firingAlerts().stream().filter(a -> a != AlertKind.BLIND).findFirst().orElse(null);
    boolean stillBroken =
        wasFiring == AlertKind.DROP && dropNow || wasFiring == AlertKind.SPIKE && spikeNow;
    if (wasFiring != null && !stillBroken) {
      changes.add(new Change(wasFiring, false));
      firing = null;
    }
    if (breached != null && firing == null) {
      changes.add(new Change(breached, true));
      firing = breached.wire();
    }
    String outcome = firing != null ? firing : dropNow || spikeNow ? "breaching" : "ok";
    return new Assessment(outcome, baseline, ratio, breachingSince, changes);
  }

  /** The scheduler's next turn, from the database's clock (as page timers, ADR 0103). */
  public Duration interval() {
    return Duration.ofSeconds(intervalSeconds);
  }

  /** The threshold and run length of a rule's alert, for its text; null for the blind alert. */
  public Rule rule(AlertKind alert) {
    return switch (alert) {
      case DROP -> dropBelowPercent == null ? null : new Rule(dropBelowPercent, dropConsecutive);
      case SPIKE ->
          spikeAbovePercent == null ? null : new Rule(spikeAbovePercent, spikeConsecutive);
      case BLIND -> null;
    };
  }

  public UUID getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getMetric() {
    return metric;
  }

  public String getDomain() {
    return domain;
  }

  public String getService() {
    return service;
  }

  public String getSource() {
    return source;
  }

  public String getPrometheusUrl() {
    return prometheusUrl;
  }

  public String getQuery() {
    return query;
  }

  public int getBaselineWeeks() {
    return baselineWeeks;
  }

  public int getMinHistoryWeeks() {
    return minHistoryWeeks;
  }

  public String getSeverity() {
    return severity;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public String getFiring() {
    return firing;
  }

  public int getDropStreak() {
    return dropStreak;
  }

  public int getSpikeStreak() {
    return spikeStreak;
  }

  public boolean isBlind() {
    return blind;
  }

  public String getBlindReason() {
    return blindReason;
  }

  public Instant getBreachingSince() {
    return breachingSince;
  }

  public Instant getNextEvaluationAt() {
    return nextEvaluationAt;
  }

  public Instant getLastEvaluatedAt() {
    return lastEvaluatedAt;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
