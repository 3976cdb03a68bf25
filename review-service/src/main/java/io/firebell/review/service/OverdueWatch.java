package io.firebell.review.service;

import io.firebell.platform.boot.InFlight;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Looks for action items past their due date, every {@code firebell.review.overdue-check}. */
@ApplicationScoped
public class OverdueWatch {

  private final ActionItemService items;

  public OverdueWatch(ActionItemService items) {
    this.items = items;
  }

  @Scheduled(
      every = "${firebell.review.overdue-check}",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> check() {
    // Counted, so that a stop waits for it (boot/Quiesce).
    return InFlight.track(() -> items.announceOverdue().replaceWithVoid());
  }
}
