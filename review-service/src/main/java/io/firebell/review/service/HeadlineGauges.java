package io.firebell.review.service;

import io.firebell.platform.boot.InFlight;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The headline numbers of the last 30 days, reviews not booked in time and pending stop-gaps as
 * Prometheus gauges, refreshed every {@code firebell.review.gauge-refresh} (a minute).
 */
@ApplicationScoped
public class HeadlineGauges {

  private final MetricsService metrics;
  private final Clock clock;
  private final ReviewDeadlineService deadlines;
  private final ActionItemService actionItems;
  private final AtomicReference<MetricsService.Summary> last = new AtomicReference<>();
  private final AtomicReference<Double> reviewsOverdue = new AtomicReference<>(Double.NaN);
  private final AtomicReference<Double> stopGapsPending = new AtomicReference<>(Double.NaN);

  public HeadlineGauges(
      MetricsService metrics,
      ReviewDeadlineService deadlines,
      ActionItemService actionItems,
      Clock clock,
      MeterRegistry registry) {
    this.metrics = metrics;
    this.deadlines = deadlines;
    this.actionItems = actionItems;
    this.clock = clock;
    Gauge.builder("firebell.review.reviews.overdue", reviewsOverdue, AtomicReference::get)
        .description(
            "Resolved incidents whose required review was not booked by the policy's deadline")
        .register(registry);
    Gauge.builder("firebell.review.stop.gaps.pending", stopGapsPending, AtomicReference::get)
        .description("Stop-gaps in effect whose root-cause fix is missing or not done")
        .register(registry);
    gauge(
        registry,
        "firebell.review.incidents",
        "Incidents declared in the last 30 days",
        s -> s.total().count());
    gauge(
        registry,
        "firebell.review.mttd.p50.seconds",
        "Median time to detect (detected - occurred), last 30 days",
        s -> seconds(s.total().mttd().p50()));
    gauge(
        registry,
        "firebell.review.mtta.p50.seconds",
        "Median time to acknowledge (acknowledged - detected), last 30 days",
        s -> seconds(s.total().mtta().p50()));
    gauge(
        registry,
        "firebell.review.mttr.p50.seconds",
        "Median time to resolve (resolved - occurred), last 30 days",
        s -> seconds(s.total().mttr().p50()));
    gauge(
        registry,
        "firebell.review.found.by.customers.ratio",
        "Share of incidents customers found first, last 30 days",
        s -> s.total().foundByCustomersShare());
    gauge(
        registry,
        "firebell.review.recurrence.ratio",
        "Share of incidents that repeat an earlier one, last 30 days",
        s -> s.total().recurrenceRate());
    gauge(
        registry,
        "firebell.review.action.items.overdue",
        "Open action items past their due date",
        s -> s.overdueActionItems());
  }

  @Scheduled(
      every = "${firebell.review.gauge-refresh:60s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    // Counted, so that a stop waits for the chain's later queries (boot/Quiesce).
    return InFlight.track(
        () -> {
          var now = clock.instant();
          return metrics
              .summary(now.minus(Duration.ofDays(30)), now, null)
              .invoke(last::set)
              .chain(deadlines::overdueCount)
              .invoke(n -> reviewsOverdue.set(n.doubleValue()))
              .chain(() -> actionItems.stopGaps(true, Integer.MAX_VALUE))
              .invoke(l -> stopGapsPending.set((double) l.size()))
              .replaceWithVoid();
        });
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      ToDoubleFunction<MetricsService.Summary> value) {
    Gauge.builder(
            name, last, ref -> ref.get() == null ? Double.NaN : value.applyAsDouble(ref.get()))
        .description(description)
        .register(registry);
  }

  private static double seconds(Long value) {
    return value == null ? Double.NaN : value;
  }
}
