package io.firebell.detection.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.contracts.detection.AlertReceived;
import io.firebell.detection.model.MetricWatch;
import io.firebell.detection.model.MetricWatch.AlertKind;
import io.firebell.detection.model.MetricWatch.Assessment;
import io.firebell.detection.model.MetricWatch.Change;
import io.firebell.detection.model.MetricWatch.Reading;
import io.firebell.detection.repository.MetricWatchRepository;
import io.firebell.detection.service.RoutingService;
import io.firebell.platform.outbox.Outbox;
import io.firebell.platform.problem.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Business-metric watches: their definitions, pushed samples, and evaluation. An evaluation reads
 * the source outside any transaction (a query may take seconds), then, in one transaction with the
 * watch's row locked, applies the watch's rules, records the evaluation and appends the alerts that
 * start or stop to the outbox: the grouping consumer routes, groups, pages and declares them like
 * any alert (ADR 0120).
 */
@ApplicationScoped
public class MetricWatchService {

  private static final TypeReference<List<Double>> DOUBLES = new TypeReference<>() {};

  private static final String INSERT_EVALUATION =
      "insert into metric_evaluation (id, watch_id, as_of, evaluated_at, trigger, outcome,"
          + " observed, baseline, history, ratio_percent, drop_streak, spike_streak, changes,"
          + " error) values (:id, :w, :asOf, :at, :trigger, :outcome, :observed, :baseline,"
          + " :history, :ratio, :ds, :ss, :changes, :error)";

  // A re-sent sample (same metric and timestamp) replaces the first: pushing is idempotent. Only a
  // metric that a pushed watch watches takes samples; one statement checks and stores.
  private static final String UPSERT_SAMPLES =
      "with watched as (select exists (select 1 from metric_watch where metric = $1 and source"
          + " = $2) as watched), stored as (insert into metric_sample (metric, at, value) select"
          + " $1, t.at, t.v from unnest(cast($3 as timestamptz[]), cast($4 as float8[])) as t(at,"
          + " v) where (select watched from watched) on conflict (metric, at) do update set value"
          + " = excluded.value returning 1) select (select watched from watched) as watched,"
          + " (select count(*) from stored) as stored";

  private final MetricWatchRepository watches;
  private final RoutingService routing;
  private final Pool pool;
  private final MetricSources sources;
  private final MetricAlerts alerts;
  private final Outbox outbox;
  private final ObjectMapper mapper;
  private final Clock clock;

  public MetricWatchService(
      MetricWatchRepository watches,
      RoutingService routing,
      Pool pool,
      MetricSources sources,
      MetricAlerts alerts,
      Outbox outbox,
      ObjectMapper mapper,
      Clock clock) {
    this.watches = watches;
    this.routing = routing;
    this.pool = pool;
    this.sources = sources;
    this.alerts = alerts;
    this.outbox = outbox;
    this.mapper = mapper;
    this.clock = clock;
  }

  @WithSession
  public Uni<List<MetricWatch>> list() {
    return watches.listAll(Sort.ascending("name"));
  }

  @WithSession
  public Uni<MetricWatch> get(UUID id) {
    return find(id, LockModeType.NONE);
  }

  @WithTransaction
  @WithSpan("MetricWatchService.create")
  public Uni<MetricWatch> create(MetricWatch.Definition d, String by) {
    Instant now = Instant.now(clock);
    return routing
        .requireDomain(d.domain())
        .chain(() -> unique(d.name(), null))
        .chain(() -> watches.persist(MetricWatch.create(d, by, now)));
  }

  /**
   * Replaces a watch's definition; an alert whose rule was removed is resolved, and every alert
   * when its labels change.
   */
  @WithTransaction
  @WithSpan("MetricWatchService.update")
  public Uni<MetricWatch> update(UUID id, MetricWatch.Definition d) {
    Instant now = Instant.now(clock);
    return find(id, LockModeType.PESSIMISTIC_WRITE)
        .call(() -> routing.requireDomain(d.domain()))
        .call(() -> unique(d.name(), id))
        .call(
            w -> {
              // Resolved under the labels they fired with, before the definition changes: every
              // alert when the labels change (a new name, metric, domain, service or severity
              // would route and group it elsewhere; the watch starts over), else those whose rule
              // is gone.
              boolean relabelled = w.relabelledBy(d);
              List<AlertReceived> gone = new ArrayList<>();
              for (AlertKind a : w.firingAlerts()) {
                if (relabelled
                    || a == AlertKind.DROP && d.drop() == null
                    || a == AlertKind.SPIKE && d.spike() == null) {
                  gone.add(resolution(w, a, now));
                }
              }
              if (relabelled) {
                w.startOver();
              }
              w.apply(d, now);
              return outbox.appendAll(List.copyOf(gone));
            });
  }

  /** Deletes a watch, its evaluations, and resolves the alerts it fires. */
  @WithTransaction
  @WithSpan("MetricWatchService.delete")
  public Uni<Void> delete(UUID id) {
    Instant now = Instant.now(clock);
    return find(id, LockModeType.PESSIMISTIC_WRITE)
        .chain(
            w ->
                outbox
                    .appendAll(
                        List.copyOf(
                            w.firingAlerts().stream().map(a -> resolution(w, a, now)).toList()))
                    .chain(() -> watches.delete(w)));
  }

  private AlertReceived resolution(MetricWatch w, AlertKind alert, Instant now) {
    return alerts.alert(
        w,
        new Change(alert, false),
        new Assessment("removed", null, null, null, List.of(new Change(alert, false))),
        null,
        queryLink(w, now),
        now,
        now);
  }

  /** Stores pushed samples of a metric that a pushed watch watches; returns how many. */
  @WithSpan("MetricWatchService.push")
  public Uni<Integer> push(String metric, List<Instant> at, List<Double> values) {
    OffsetDateTime[] ats =
        at.stream().map(t -> t.atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new);
    return pool.preparedQuery(UPSERT_SAMPLES)
        .execute(Tuple.of(metric, MetricWatch.PUSHED, ats, values.toArray(Double[]::new)))
        .map(
            rows -> {
              if (!Boolean.TRUE.equals(rows.iterator().next().getBoolean("watched"))) {
                throw ProblemException.notFound("metric watch with source pushed for", metric);
              }
              return at.size();
            });
  }

  /** Samples of a metric between two instants, oldest first, at most {@code limit}. */
  public Uni<List<Sample>> samples(String metric, Instant from, Instant to, int limit) {
    return pool.preparedQuery(
            "select at, value from metric_sample where metric = $1 and at >= $2 and at <= $3"
                + " order by at limit $4")
        .execute(
            Tuple.of(metric, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), limit))
        .map(
            rows -> {
              List<Sample> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(new Sample(r.getOffsetDateTime("at").toInstant(), r.getDouble("value")));
              }
              return out;
            });
  }

  /** One sample of a metric. */
  public record Sample(
      @Schema(description = "When") Instant timestamp,
      @Schema(description = "The value") double value) {}

  /** The latest evaluations of a watch, newest first. */
  public Uni<List<MetricEvaluation>> evaluations(UUID id, int limit) {
    return get(id)
        .chain(
            w ->
                pool.preparedQuery(
                        "select * from metric_evaluation where watch_id = $1 order by as_of desc,"
                            + " evaluated_at desc limit $2")
                    .execute(Tuple.of(id, limit)))
        .map(
            rows -> {
              List<MetricEvaluation> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(evaluation(r));
              }
              return out;
            });
  }

  private MetricEvaluation evaluation(Row r) {
    String changes = r.getString("changes");
    return new MetricEvaluation(
        r.getUUID("id"),
        r.getUUID("watch_id"),
        r.getOffsetDateTime("as_of").toInstant(),
        r.getOffsetDateTime("evaluated_at").toInstant(),
        r.getString("trigger"),
        r.getString("outcome"),
        r.getDouble("observed"),
        r.getDouble("baseline"),
        doubles(r.getString("history")),
        r.getDouble("ratio_percent"),
        r.getInteger("drop_streak"),
        r.getInteger("spike_streak"),
        changes.isEmpty() ? List.of() : Arrays.asList(changes.split(",")),
        r.getString("error"));
  }

  /**
   * Evaluates a watch as of {@code asOf}: reads its source, then applies its rules and records the
   * evaluation in one transaction. {@code scheduled}: the scheduler's turn, which also sets the
   * next one (the database's now() plus the interval).
   */
  @WithSpan("MetricWatchService.evaluate")
  public Uni<MetricEvaluation> evaluate(UUID id, Instant asOf, boolean scheduled) {
    return Panache.withSession(() -> find(id, LockModeType.NONE))
        .chain(w -> sources.read(w, asOf))
        .chain(reading -> Panache.withTransaction(() -> apply(id, reading, asOf, scheduled)));
  }

  private Uni<MetricEvaluation> apply(UUID id, Reading reading, Instant asOf, boolean scheduled) {
    Instant now = Instant.now(clock);
    return find(id, LockModeType.PESSIMISTIC_WRITE)
        .chain(
            w -> {
              Assessment a = w.evaluate(reading, asOf);
              List<AlertReceived> out =
                  alerts.of(w, a, reading.observed(), queryLink(w, asOf), asOf, now);
              MetricEvaluation e =
                  new MetricEvaluation(
                      UUID.randomUUID(),
                      id,
                      asOf,
                      now,
                      scheduled ? "scheduled" : "manual",
                      a.outcome(),
                      reading.observed(),
                      a.baseline(),
                      reading.history(),
                      a.ratioPercent(),
                      w.getDropStreak(),
                      w.getSpikeStreak(),
                      a.changes().stream().map(Change::toString).toList(),
                      reading.blindReason());
              Uni<Void> next =
                  scheduled
                      ? Panache.getSession()
                          .chain(
                              s ->
                                  s.createNativeQuery(
                                          "update metric_watch set next_evaluation_at = now() +"
                                              + " cast(:s as integer) * interval '1 second'"
                                              + " where id = :id")
                                      .setParameter("s", (int) w.interval().toSeconds())
                                      .setParameter("id", id)
                                      .executeUpdate())
                          .replaceWithVoid()
                      : Uni.createFrom().voidItem();
              return watches
                  .flush()
                  .chain(() -> next)
                  .chain(() -> record(e))
                  .chain(() -> outbox.appendAll(List.copyOf(out)))
                  .replaceWith(e);
            });
  }

  private Uni<Void> record(MetricEvaluation e) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(INSERT_EVALUATION)
                    .setParameter("id", e.id())
                    .setParameter("w", e.watchId())
                    .setParameter("asOf", e.asOf())
                    .setParameter("at", e.evaluatedAt())
                    .setParameter("trigger", e.trigger())
                    .setParameter("outcome", e.outcome())
                    .setParameter("observed", e.observed())
                    .setParameter("baseline", e.baseline())
                    .setParameter("history", json(e.history()))
                    .setParameter("ratio", e.ratioPercent())
                    .setParameter("ds", e.dropStreak())
                    .setParameter("ss", e.spikeStreak())
                    .setParameter("changes", String.join(",", e.changes()))
                    .setParameter("error", e.error())
                    .executeUpdate())
        .replaceWithVoid();
  }

  /**
   * The link a rule's alert carries: Prometheus' graph of the query, or this service's samples of
   * the pushed metric over the day before the evaluation.
   */
  static String queryLink(MetricWatch w, Instant asOf) {
    if (MetricWatch.PROMETHEUS.equals(w.getSource())) {
      return MetricSources.graphUrl(w);
    }
    return "/v1/metrics/"
        + w.getMetric()
        + "/samples?from="
        + asOf.minus(java.time.Duration.ofDays(1))
        + "&to="
        + asOf;
  }

  private String json(List<Double> values) {
    try {
      return mapper.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Double> doubles(String json) {
    try {
      return mapper.readValue(json, DOUBLES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Uni<MetricWatch> find(UUID id, LockModeType lock) {
    return watches
        .findById(id, lock)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("metric watch", id));
  }

  private Uni<Void> unique(String name, UUID self) {
    return watches
        .find("name", name)
        .firstResult()
        .chain(
            w ->
                w != null && !w.getId().equals(self)
                    ? Uni.createFrom()
                        .failure(
                            ProblemException.conflict("a metric watch named '" + name + "' exists"))
                    : Uni.createFrom().voidItem());
  }
}
