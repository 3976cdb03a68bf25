package io.firebell.review.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/** The headline numbers of the last 30 days as Prometheus gauges, refreshed every minute. */
@ApplicationScoped
public class HeadlineGauges {

  private final MetricsService metrics;
  private final Clock clock;
  private final AtomicReference<MetricsService.Summary> last = new AtomicReference<>();

  public HeadlineGauges(MetricsService metrics, Clock clock, MeterRegistry registry) {
    this.metrics = metrics;
    this.clock = clock;
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
      every = "60s",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    var now = clock.instant();
    return metrics
        .summary(now.minus(Duration.ofDays(30)), now, null)
        .invoke(last::set)
        .replaceWithVoid();
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
