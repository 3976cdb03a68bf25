package io.firebell.detection.metrics;

import io.firebell.detection.config.DetectionConfig;
import io.firebell.detection.model.MetricWatch;
import io.firebell.platform.boot.InFlight;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Evaluates the watches that are due, on every instance that has {@code metrics.enabled}: the
 * timers are rows, as page timers are (ADR 0103). A due watch is leased before it is evaluated
 * ({@code next_evaluation_at} pushed a minute ahead under {@code FOR UPDATE SKIP LOCKED}), so two
 * instances never evaluate the same watch at once; the evaluation then sets its next turn. Whether
 * a watch is due is the database's {@code now()}, so every instance agrees; what it is evaluated
 * "as of" is this instance's clock. Pushed samples older than the longest baseline plus a week are
 * deleted on the way.
 */
@ApplicationScoped
public class MetricWatchScheduler {

  private static final Logger LOG = Logger.getLogger(MetricWatchScheduler.class);

  private static final String CLAIM =
      "update metric_watch set next_evaluation_at = now() + interval '60 seconds' where id in"
          + " (select id from metric_watch where enabled and next_evaluation_at <= now() order by"
          + " next_evaluation_at limit $1 for update skip locked) returning id";

  private static final String EXPIRE_SAMPLES =
      "delete from metric_sample where at < now() - interval '"
          + (MetricWatch.MAX_BASELINE_WEEKS + 1) * 7
          + " days'";

  private final Pool pool;
  private final MetricWatchService watches;
  private final DetectionConfig config;
  private final Clock clock;
  private long ticks;

  public MetricWatchScheduler(
      Pool pool, MetricWatchService watches, DetectionConfig config, Clock clock) {
    this.pool = pool;
    this.watches = watches;
    this.config = config;
    this.clock = clock;
  }

  @Scheduled(
      every = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> tick() {
    if (!config.metrics().enabled()) {
      return Uni.createFrom().voidItem();
    }
    Uni<Void> expire =
        ticks++ % 3600 == 0
            ? pool.query(EXPIRE_SAMPLES).execute().replaceWithVoid()
            : Uni.createFrom().voidItem();
    // Counted, so that a stop waits for the pass (boot/Quiesce).
    return InFlight.track(() -> expire.chain(this::runOnce))
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf("metric watch scheduler: %s", e.getMessage());
              return null;
            });
  }

  /** One pass: every due watch, one after another. */
  public Uni<Void> runOnce() {
    return pool.preparedQuery(CLAIM)
        .execute(Tuple.of(config.metrics().batchSize()))
        .map(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              for (Row row : rows) {
                ids.add(row.getUUID("id"));
              }
              return ids;
            })
        .chain(
            ids ->
                Multi.createFrom()
                    .iterable(ids)
                    .onItem()
                    .transformToUniAndConcatenate(this::evaluate)
                    .collect()
                    .last())
        .replaceWithVoid();
  }

  private Uni<Void> evaluate(UUID id) {
    return watches
        .evaluate(id, Instant.now(clock), true)
        .replaceWithVoid()
        // The lease runs out and the next pass tries again.
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf("metric watch %s: evaluation failed: %s", id, e.getMessage());
              return null;
            });
  }
}
